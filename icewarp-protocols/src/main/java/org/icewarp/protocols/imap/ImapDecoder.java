package org.icewarp.protocols.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.icewarp.protocols.internal.PausingDecoder;

/**
 * Bytes to {@link ImapInput}: finds where a command ends, following its literals (RFC 3501 section 4.3, RFC 7888).
 *
 * <p>Implementation notes:
 *
 * <ul>
 *   <li><b>One command at a time.</b> After each {@link ImapInput} the decoder pauses until the session calls {@link
 *       #resume}, so a pipelined command is never decoded before the previous one was answered.
 *   <li><b>Literals.</b> A line ending in {@code {n}} announces a synchronising literal: the decoder answers {@code +
 *       Ready} and reads n octets before the command goes on; {@code {n+}} (LITERAL+) and {@code {n-}} are read without
 *       the continuation. The command keeps the literal syntax, and {@link ImapReader} parses it.
 *   <li><b>Hard limits.</b> A line longer than {@code maxLineLength} (CRLF excluded) is skipped to its end and reported
 *       once. A literal larger than {@code maxLiteralSize} is refused before the client sends it (synchronising) or
 *       read and dropped (non-synchronising); so is a command whose literals add up to more than that.
 * </ul>
 *
 * <p>Not thread-safe: Netty calls it on the channel's event loop, and so must the session.
 */
final class ImapDecoder extends PausingDecoder {
    private static final byte[] CONTINUE = "+ Ready for literal data\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum Mode {
        LINE,
        LITERAL,
        SKIP_LITERAL,
        SKIP_LINE
    }

    private final int maxLineLength;
    private final long maxLiteralSize;

    private Mode mode = Mode.LINE;
    private ByteBuf command;
    private long remaining;
    private long literalTotal;
    private String skippedTag;
    private boolean skipTooBig;

    /**
     * @param maxLineLength the longest line of a command, CRLF excluded
     * @param maxLiteralSize the largest literal, and the most literal octets one command may carry
     */
    ImapDecoder(int maxLineLength, long maxLiteralSize) {
        this.maxLineLength = maxLineLength;
        this.maxLiteralSize = maxLiteralSize;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        reset();
    }

    @Override
    protected void discarded() {
        reset();
    }

    @Override
    protected void decodeInput(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!paused() && in.isReadable()) {
            int before = in.readableBytes();
            Mode modeBefore = mode;
            switch (mode) {
                case LINE -> line(ctx, in, out);
                case LITERAL -> literal(in);
                case SKIP_LITERAL -> skipLiteral(in);
                case SKIP_LINE -> skipLine(in, out);
            }
            if (in.readableBytes() == before && mode == modeBefore && !paused()) {
                return; // needs more input
            }
        }
    }

    private void line(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int limit = Math.min(in.readableBytes(), maxLineLength + 2);
        int lf = in.indexOf(in.readerIndex(), in.readerIndex() + limit, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > maxLineLength + 1) {
                skippedTag = tag(in, in.readerIndex(), in.readerIndex() + Math.min(limit, 64));
                in.skipBytes(limit);
                skipTooBig = false;
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
            String tag = tag(in, in.readerIndex(), in.readerIndex() + Math.min(length, 64));
            in.readerIndex(lf + 1);
            emit(out, new ImapInput.TooLong(tag));
            return;
        }
        long literal = literalSize(in, in.readerIndex(), end);
        ByteBuf cmd = command(ctx);
        cmd.writeBytes(in, in.readerIndex(), length);
        in.readerIndex(lf + 1);
        if (literal == -1) {
            emit(out, new ImapInput.Command(ByteBufUtil.getBytes(cmd)));
            return;
        }
        cmd.writeByte('\r').writeByte('\n');
        boolean sync = in.getByte(end - 2) != '+' && in.getByte(end - 2) != '-';
        literalTotal += Math.max(literal, 0);
        if (literal < 0 || literal > maxLiteralSize || literalTotal > maxLiteralSize) {
            String tag = tag(cmd, cmd.readerIndex(), cmd.readerIndex() + Math.min(cmd.readableBytes(), 64));
            if (sync) {
                // the client waits for "+" and sends nothing more of this command
                emit(out, new ImapInput.TooBig(tag));
            } else {
                skippedTag = tag;
                skipTooBig = true;
                remaining = literal < 0 ? Long.MAX_VALUE : literal;
                release();
                mode = Mode.SKIP_LITERAL;
            }
            return;
        }
        remaining = literal;
        mode = Mode.LITERAL;
        if (sync) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
        }
    }

    private void literal(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        command.writeBytes(in, n);
        remaining -= n;
        if (remaining == 0) {
            mode = Mode.LINE;
        }
    }

    private void skipLiteral(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        in.skipBytes(n);
        remaining -= n;
        if (remaining == 0) {
            mode = Mode.SKIP_LINE;
        }
    }

    private void skipLine(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            in.skipBytes(in.readableBytes());
            return;
        }
        in.readerIndex(lf + 1);
        String tag = skippedTag;
        emit(out, skipTooBig ? new ImapInput.TooBig(tag) : new ImapInput.TooLong(tag));
    }

    private void emit(List<Object> out, ImapInput input) {
        out.add(input);
        reset();
        pause();
    }

    private ByteBuf command(ChannelHandlerContext ctx) {
        if (command == null) {
            command = ctx.alloc().heapBuffer(256);
        }
        return command;
    }

    private void release() {
        if (command != null) {
            command.release();
            command = null;
        }
    }

    private void reset() {
        release();
        mode = Mode.LINE;
        literalTotal = 0;
        remaining = 0;
    }

    /**
     * The size announced by a literal marker at the end of the line {@code [from, to)}: {@code {n}}, {@code {n+}} or
     * {@code {n-}}. -1 when there is none, -2 when the number is too long to be a size.
     */
    static long literalSize(ByteBuf buf, int from, int to) {
        if (to - from < 3 || buf.getByte(to - 1) != '}') {
            return -1;
        }
        int i = to - 2;
        byte last = buf.getByte(i);
        if (last == '+' || last == '-') {
            i--;
        }
        int digitsEnd = i + 1;
        while (i >= from && buf.getByte(i) >= '0' && buf.getByte(i) <= '9') {
            i--;
        }
        if (i < from || buf.getByte(i) != '{' || i + 1 == digitsEnd) {
            return -1;
        }
        if (digitsEnd - (i + 1) > 12) {
            return -2;
        }
        long n = 0;
        for (int j = i + 1; j < digitsEnd; j++) {
            n = n * 10 + (buf.getByte(j) - '0');
        }
        return n;
    }

    /** The tag a line starts with, for the error answer; "*" when it has none that could be answered. */
    private static String tag(ByteBuf buf, int from, int to) {
        StringBuilder tag = new StringBuilder();
        for (int i = from; i < to; i++) {
            byte b = buf.getByte(i);
            if (b == ' ') {
                break;
            }
            if (!ImapReader.isTagChar(b)) {
                return "*";
            }
            tag.append((char) b);
        }
        return tag.length() == 0 ? "*" : tag.toString();
    }
}
