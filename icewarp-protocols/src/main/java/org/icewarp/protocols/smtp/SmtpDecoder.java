package org.icewarp.protocols.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.icewarp.protocols.internal.PausingDecoder;

/**
 * Bytes to {@link SmtpInput}: command lines, and message content for DATA (RFC 5321 section 4.1.4, 4.5.2) and BDAT
 * (RFC 3030).
 *
 * <p>Implementation notes:
 *
 * <ul>
 *   <li><b>One command at a time.</b> After each {@link SmtpInput.Line}, {@link SmtpInput.LineTooLong} or {@link
 *       SmtpInput.ContentEnd} the decoder pauses until the session calls {@link #resume}, so a pipelined command is
 *       never decoded before the previous one has been answered, and the session can switch the decoder to DATA or
 *       BDAT mode before the next byte is looked at.
 *   <li><b>Only CRLF is a line break for the dot rules.</b> The end of DATA is exactly {@code CRLF . CRLF}, and a dot
 *       is removed (RFC 5321 section 4.5.2) only at the start of a line that follows a CRLF. A bare LF or bare CR never
 *       starts a line and never ends the data, so {@code LF . CRLF} and {@code LF . LF} (the "SMTP smuggling" forms)
 *       are content. Bare line endings are reported ({@link SmtpInput.ContentEnd#bareLineEndings}) and, when
 *       normalising, written as CRLF.
 *   <li><b>Hard limits.</b> A command line longer than {@code maxLineLength} (CRLF excluded) is skipped to its end
 *       and reported once; content beyond the size allowance is counted and dropped.
 * </ul>
 *
 * <p>Not thread-safe: Netty calls it on the channel's event loop, and so must the session.
 */
final class SmtpDecoder extends PausingDecoder {
    /** The most input looked at in one pass of DATA content, which bounds each {@link SmtpInput.Content}. */
    private static final int DATA_SLICE = 64 * 1024;

    private enum Mode {
        COMMAND,
        SKIP_LINE,
        DATA,
        CHUNK
    }

    /** Where the DATA scanner stands; see the class notes. */
    private enum Dot {
        LINE_START,
        MID_LINE,
        CR,
        DOT,
        DOT_CR
    }

    private final int maxLineLength;
    private final boolean normalise;

    private Mode mode = Mode.COMMAND;

    private Dot dot;
    private long contentSize;
    private long allowance;
    private boolean bare;
    private boolean tooLarge;
    private long chunkRemaining;
    private long chunkSize;

    /**
     * @param maxLineLength the longest command line, CRLF excluded
     * @param normaliseBareLineEndings write bare CR and bare LF in DATA content as CRLF (otherwise they pass as they
     *     are; the session decides whether to reject the message)
     */
    SmtpDecoder(int maxLineLength, boolean normaliseBareLineEndings) {
        this.maxLineLength = maxLineLength;
        this.normalise = normaliseBareLineEndings;
    }

    /** Switches to DATA content after the session sent 354; at most {@code allowance} octets are delivered. */
    void expectData(long allowance) {
        mode = Mode.DATA;
        dot = Dot.LINE_START;
        contentSize = 0;
        this.allowance = allowance;
        bare = false;
        tooLarge = false;
    }

    /** Switches to a BDAT chunk of {@code size} octets, of which at most {@code allowance} are delivered. */
    void expectChunk(long size, long allowance) {
        mode = Mode.CHUNK;
        chunkRemaining = size;
        chunkSize = size;
        contentSize = 0;
        this.allowance = allowance;
        tooLarge = false;
    }

    @Override
    protected void discarded() {
        mode = Mode.COMMAND;
    }

    @Override
    protected void decodeInput(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (mode) {
            case COMMAND -> command(in, out);
            case SKIP_LINE -> skipLine(in, out);
            case DATA -> data(ctx, in, out);
            case CHUNK -> chunk(in, out);
        }
    }

    private void command(ByteBuf in, List<Object> out) {
        int limit = Math.min(in.readableBytes(), maxLineLength + 2);
        int lf = in.indexOf(in.readerIndex(), in.readerIndex() + limit, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > maxLineLength + 1) {
                // over the limit without a line end: drop what was looked at, the rest up to LF goes in SKIP_LINE
                in.skipBytes(limit);
                mode = Mode.SKIP_LINE;
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
            out.add(new SmtpInput.LineTooLong());
        } else {
            String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
            in.readerIndex(lf + 1);
            out.add(new SmtpInput.Line(text));
        }
        pause();
    }

    private void skipLine(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            in.skipBytes(in.readableBytes());
            return;
        }
        in.readerIndex(lf + 1);
        mode = Mode.COMMAND;
        out.add(new SmtpInput.LineTooLong());
        pause();
    }

    private void chunk(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(in.readableBytes(), chunkRemaining);
        if (n > 0) {
            chunkRemaining -= n;
            long deliver = Math.max(0, Math.min(n, allowance - contentSize));
            contentSize += n;
            if (deliver < n) {
                tooLarge = true;
            }
            if (deliver > 0) {
                out.add(new SmtpInput.Content(in.readRetainedSlice((int) deliver)));
                in.skipBytes(n - (int) deliver);
            } else {
                in.skipBytes(n);
            }
        }
        if (chunkRemaining == 0) {
            mode = Mode.COMMAND;
            out.add(new SmtpInput.ContentEnd(chunkSize, false, tooLarge));
            pause();
        }
    }

    private void data(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), DATA_SLICE);
        // normalising can turn each byte into two
        ByteBuf content = ctx.alloc().buffer(normalise ? n * 2 : n);
        boolean ended = false;
        int i = in.readerIndex();
        int stop = i + n;
        while (i < stop) {
            if (dot == Dot.MID_LINE) {
                // fast path: copy the run up to the next CR or LF in bulk
                int special = in.forEachByte(i, stop - i, ByteProcessor.FIND_CRLF);
                int runEnd = special < 0 ? stop : special;
                if (runEnd > i) {
                    emitRun(in, i, runEnd - i, content);
                    i = runEnd;
                    continue;
                }
            }
            byte b = in.getByte(i++);
            switch (dot) {
                case LINE_START -> {
                    if (b == '.') {
                        dot = Dot.DOT;
                    } else {
                        midLine(b, content);
                    }
                }
                case DOT -> {
                    if (b == '\r') {
                        dot = Dot.DOT_CR;
                    } else {
                        // a stuffed dot: drop it (RFC 5321 section 4.5.2)
                        midLine(b, content);
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        ended = true;
                    } else {
                        // ".", CR, not LF: the dot was stuffing and the CR is bare
                        dot = Dot.CR;
                        afterCr(b, content);
                    }
                }
                case CR -> afterCr(b, content);
                case MID_LINE -> midLine(b, content);
            }
            if (ended) {
                break;
            }
        }
        in.readerIndex(i);
        if (content.isReadable()) {
            out.add(new SmtpInput.Content(content));
        } else {
            content.release();
        }
        if (ended) {
            mode = Mode.COMMAND;
            out.add(new SmtpInput.ContentEnd(contentSize, bare, tooLarge));
            pause();
        }
    }

    private void midLine(byte b, ByteBuf content) {
        if (b == '\r') {
            dot = Dot.CR;
        } else if (b == '\n') {
            bare = true;
            dot = Dot.MID_LINE;
            if (normalise) {
                emit('\r', content);
            }
            emit('\n', content);
        } else {
            dot = Dot.MID_LINE;
            emit(b, content);
        }
    }

    private void afterCr(byte b, ByteBuf content) {
        if (b == '\n') {
            emit('\r', content);
            emit('\n', content);
            dot = Dot.LINE_START;
            return;
        }
        bare = true;
        emit('\r', content);
        if (normalise) {
            emit('\n', content);
        }
        midLine(b, content);
    }

    /** Copies {@code length} ordinary content bytes (no CR, no LF) within the allowance. */
    private void emitRun(ByteBuf in, int from, int length, ByteBuf content) {
        long room = allowance - contentSize;
        contentSize += length;
        if (room < length) {
            tooLarge = true;
        }
        int copy = (int) Math.max(0, Math.min(length, room));
        if (copy > 0) {
            content.writeBytes(in, from, copy);
        }
    }

    private void emit(int b, ByteBuf content) {
        contentSize++;
        if (contentSize > allowance) {
            tooLarge = true;
            return;
        }
        content.writeByte(b);
    }
}
