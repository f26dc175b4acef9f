package org.icewarp.protocols.pop3;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.icewarp.core.tls.ServiceTls;

/**
 * Bytes to {@link Pop3Input} lines. After each line the decoder pauses until the session calls {@link #resume}, so a
 * pipelined command (RFC 2449 section 6.6) is never looked at before the previous one was answered; STLS can then drop
 * whatever followed it ({@link #discardBufferedInput}). A line longer than the limit (line end excluded) is skipped to
 * its end and reported once. Not thread-safe: it runs on the channel's event loop, and so must the session.
 */
final class Pop3Decoder extends ByteToMessageDecoder implements ServiceTls.BufferedInput {
    private final int maxLineLength;
    private boolean skipping;
    private boolean paused;
    private boolean inRead;
    private ChannelHandlerContext context;

    /** @param maxLineLength the longest line, CRLF excluded */
    Pop3Decoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    /** Lets the decoder go on with the next line; bytes already buffered are decoded now. Call on the event loop. */
    void resume() {
        paused = false;
        if (!inRead
                && context != null
                && !context.isRemoved()
                && internalBuffer().isReadable()) {
            try {
                channelRead(context, Unpooled.EMPTY_BUFFER);
            } catch (Exception e) {
                context.fireExceptionCaught(e);
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean outer = !inRead;
        inRead = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            if (outer) {
                inRead = false;
            }
        }
    }

    @Override
    public int discardBufferedInput() {
        ByteBuf held = internalBuffer();
        int n = held.readableBytes();
        held.skipBytes(n);
        skipping = false;
        // STLS was the last command: nothing more until the session resumes after the handshake
        paused = true;
        return n;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (paused) {
            return;
        }
        if (skipping) {
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                in.skipBytes(in.readableBytes());
                return;
            }
            in.readerIndex(lf + 1);
            skipping = false;
            out.add(new Pop3Input.LineTooLong());
            paused = true;
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
        paused = true;
    }
}
