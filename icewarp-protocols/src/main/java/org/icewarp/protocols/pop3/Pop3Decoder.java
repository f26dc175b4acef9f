package org.icewarp.protocols.pop3;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.icewarp.protocols.internal.PausingDecoder;

/**
 * Bytes to {@link Pop3Input} lines. After each line the decoder pauses until the session calls {@link #resume}, so a
 * pipelined command (RFC 2449 section 6.6) is never looked at before the previous one was answered; STLS can then drop
 * whatever followed it ({@link #discardBufferedInput}). A line longer than the limit (line end excluded) is skipped to
 * its end and reported once. Not thread-safe: it runs on the channel's event loop, and so must the session.
 */
final class Pop3Decoder extends PausingDecoder {
    private final int maxLineLength;
    private boolean skipping;

    /** @param maxLineLength the longest line, CRLF excluded */
    Pop3Decoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected void discarded() {
        skipping = false;
    }

    @Override
    protected void decodeInput(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (skipping) {
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                in.skipBytes(in.readableBytes());
                return;
            }
            in.readerIndex(lf + 1);
            skipping = false;
            out.add(new Pop3Input.LineTooLong());
            pause();
            return;
        }
        int limit = Math.min(in.readableBytes(), maxLineLength + 2);
        int lf = in.indexOf(in.readerIndex(), in.readerIndex() + limit, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > maxLineLength + 1) {
                in.skipBytes(limit);
                skipping = true;
            }
            return;
        }
        int end = lf;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        int length = end - in.readerIndex();
        if (length > maxLineLength) {
            in.readerIndex(lf + 1);
            out.add(new Pop3Input.LineTooLong());
        } else {
            String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
            in.readerIndex(lf + 1);
            out.add(new Pop3Input.Line(text));
        }
        pause();
    }
}
