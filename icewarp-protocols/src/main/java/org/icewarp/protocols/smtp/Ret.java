package org.icewarp.protocols.smtp;

/** The {@code RET=} parameter of {@code MAIL} (RFC 3461 section 4.3): what a failure DSN should carry. */
enum Ret {
    /** The whole message. */
    FULL,
    /** The headers only. */
    HDRS
}
