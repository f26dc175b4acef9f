package org.icewarp.protocols.imap;

/** The connection states of RFC 3501 section 3. */
enum ImapState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT
}
