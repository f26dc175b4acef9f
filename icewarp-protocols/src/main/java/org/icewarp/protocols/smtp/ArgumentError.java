package org.icewarp.protocols.smtp;

/**
 * Why the arguments of a {@code MAIL} or {@code RCPT} command were refused, with the reply code and the enhanced status
 * code (RFC 3463) the session answers with. The reply text itself comes from the session's reply table.
 */
enum ArgumentError {
    /** {@code MAIL} without {@code FROM:}. */
    MISSING_FROM(501, "5.5.4"),
    /** {@code RCPT} without {@code TO:}. */
    MISSING_TO(501, "5.5.4"),
    /** The reverse-path is not an RFC 5321 path (RFC 3463 5.1.7, bad sender's mailbox address syntax). */
    INVALID_SENDER(501, "5.1.7"),
    /** The forward-path is not an RFC 5321 path (RFC 3463 5.1.3, bad destination mailbox address syntax). */
    INVALID_RECIPIENT(501, "5.1.3"),
    /** The reverse-path, its local part or its domain is over the limits of RFC 5321 section 4.5.3.1. */
    SENDER_TOO_LONG(501, "5.1.7"),
    /** The forward-path, its local part or its domain is over the limits of RFC 5321 section 4.5.3.1. */
    RECIPIENT_TOO_LONG(501, "5.1.3"),
    /** A non-ASCII address in a transaction without {@code SMTPUTF8} (RFC 6531 section 3.7.4.1). */
    NON_ASCII_ADDRESS(553, "5.6.7"),
    /** A parameter this server does not know. */
    UNKNOWN_PARAMETER(555, "5.5.4"),
    /** A parameter of an extension the server did not offer in its EHLO reply. */
    PARAMETER_NOT_OFFERED(555, "5.5.4"),
    /** The same parameter twice in one command. */
    DUPLICATE_PARAMETER(555, "5.5.4"),
    /** A parameter with a malformed keyword or value. */
    INVALID_PARAMETER(555, "5.5.4");

    private final int code;
    private final String enhancedStatus;

    ArgumentError(int code, String enhancedStatus) {
        this.code = code;
        this.enhancedStatus = enhancedStatus;
    }

    /** The three-digit SMTP reply code. */
    int code() {
        return code;
    }

    /** The RFC 3463 enhanced status code, such as {@code 5.1.7}. */
    String enhancedStatus() {
        return enhancedStatus;
    }
}
