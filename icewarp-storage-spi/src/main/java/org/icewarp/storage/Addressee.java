package org.icewarp.storage;

/** What an address resolves to: an {@link Account} or a {@link Group}. */
public sealed interface Addressee permits Account, Group {
    /** The primary address. */
    EmailAddress address();
}
