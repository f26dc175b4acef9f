package org.icewarp.protocols.imap;

/** A command that does not follow the grammar; the session answers {@code BAD} with the message. */
final class ImapParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImapParseException(String message) {
        super(message, null, false, false);
    }
}
