package org.icewarp.protocols.smtp;

/**
 * What the server offered in its EHLO reply, and whether the current transaction declared {@code SMTPUTF8}: the
 * parameters of {@code MAIL} and {@code RCPT} are accepted only for offered extensions.
 *
 * <p>{@code BODY=} (all three values, including {@code BINARYMIME}) needs {@code eightBitMimeOffered}; the session
 * checks that a {@code BINARYMIME} message arrives by {@code BDAT} only (RFC 3030 section 3).
 *
 * @param smtputf8Offered {@code SMTPUTF8} (RFC 6531)
 * @param dsnOffered {@code DSN} (RFC 3461): {@code RET}, {@code ENVID}, {@code NOTIFY}, {@code ORCPT}
 * @param eightBitMimeOffered {@code 8BITMIME} (RFC 6152): {@code BODY}
 * @param sizeOffered {@code SIZE} (RFC 1870)
 * @param authOffered {@code AUTH} (RFC 4954): the {@code AUTH=} parameter of {@code MAIL}
 * @param smtputf8Declared for {@code RCPT}: whether this transaction's {@code MAIL} carried {@code SMTPUTF8}; ignored
 *     by {@code MAIL}
 */
record Extensions(
        boolean smtputf8Offered,
        boolean dsnOffered,
        boolean eightBitMimeOffered,
        boolean sizeOffered,
        boolean authOffered,
        boolean smtputf8Declared) {}
