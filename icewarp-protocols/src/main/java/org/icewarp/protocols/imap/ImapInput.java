package org.icewarp.protocols.imap;

/** What {@link ImapDecoder} hands the session: one whole command (its literals included), or why there is none. */
sealed interface ImapInput {

    /**
     * One command as it was sent, literals inline ({@code {n}CRLF} and the n octets), without the final CRLF. Also
     * used for the untagged lines of an AUTHENTICATE exchange and for IDLE's {@code DONE}.
     */
    record Command(byte[] bytes) implements ImapInput {}

    /** A line was longer than the limit; it was skipped to its end. {@code tag} is what it started with, or "*". */
    record TooLong(String tag) implements ImapInput {}

    /** A literal was larger than the limit; it was refused (synchronising) or read and dropped (LITERAL+). */
    record TooBig(String tag) implements ImapInput {}
}
