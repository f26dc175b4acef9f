package org.icewarp.core.access;

/**
 * The reason an entry failed to parse, without the entry's context. {@link EntryParser} turns it into an {@link
 * InvalidAccessEntryException} that quotes the entry and names the pattern it came from. It never escapes the package
 * and carries no stack trace, because it is a message, not a bug.
 */
final class EntrySyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EntrySyntaxException(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
