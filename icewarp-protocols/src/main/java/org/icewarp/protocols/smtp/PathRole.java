package org.icewarp.protocols.smtp;

/** Whether a path is the reverse-path of {@code MAIL} or the forward-path of {@code RCPT}: it fixes the error codes. */
enum PathRole {
    SENDER(ArgumentError.INVALID_SENDER, ArgumentError.SENDER_TOO_LONG),
    RECIPIENT(ArgumentError.INVALID_RECIPIENT, ArgumentError.RECIPIENT_TOO_LONG);

    private final ArgumentError syntax;
    private final ArgumentError tooLong;

    PathRole(ArgumentError syntax, ArgumentError tooLong) {
        this.syntax = syntax;
        this.tooLong = tooLong;
    }

    ArgumentRejection syntax(String detail) {
        return new ArgumentRejection(syntax, detail);
    }

    ArgumentRejection tooLong(String detail) {
        return new ArgumentRejection(tooLong, detail);
    }

    static ArgumentRejection nonAscii() {
        return new ArgumentRejection(ArgumentError.NON_ASCII_ADDRESS, "non-ASCII address without SMTPUTF8 (RFC 6531)");
    }
}
