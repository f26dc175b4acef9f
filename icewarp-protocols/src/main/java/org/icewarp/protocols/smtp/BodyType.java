package org.icewarp.protocols.smtp;

/** The {@code BODY=} parameter of {@code MAIL} (RFC 6152, RFC 3030). */
enum BodyType {
    /** {@code BODY=7BIT}, also the value when the parameter is absent. */
    SEVEN_BIT,
    /** {@code BODY=8BITMIME} (RFC 6152). */
    EIGHT_BIT_MIME,
    /** {@code BODY=BINARYMIME} (RFC 3030); the message must then arrive with {@code BDAT}, never {@code DATA}. */
    BINARY_MIME
}
