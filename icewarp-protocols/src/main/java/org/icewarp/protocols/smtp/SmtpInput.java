package org.icewarp.protocols.smtp;

import io.netty.buffer.ByteBuf;

/** What {@link SmtpDecoder} produces: command lines, and message content in chunks. */
sealed interface SmtpInput {

    /** A command line without its line end, decoded as UTF-8 (RFC 6531 allows UTF-8 in MAIL and RCPT). */
    record Line(String text) implements SmtpInput {}

    /** A command line over the limit; its bytes were skipped up to the next line end. */
    record LineTooLong() implements SmtpInput {}

    /**
     * Message content, dot-unstuffed (DATA) or raw (BDAT). The receiver owns and releases the buffer. Content beyond
     * the size limit is counted but not delivered.
     */
    record Content(ByteBuf bytes) implements SmtpInput {}

    /**
     * The end of the DATA content ({@code CRLF.CRLF}) or of a BDAT chunk.
     *
     * @param size the content octets of this DATA or chunk, counted before the size limit
     * @param bareLineEndings whether a CR or LF not part of a CRLF pair was seen (DATA only)
     * @param tooLarge whether the content went over the decoder's size limit (the excess was dropped)
     */
    record ContentEnd(long size, boolean bareLineEndings, boolean tooLarge) implements SmtpInput {}
}
