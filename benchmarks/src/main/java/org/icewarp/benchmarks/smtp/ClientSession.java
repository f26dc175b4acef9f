package org.icewarp.benchmarks.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;

/**
 * One client connection, lock-step (no pipelining, as Postfix's {@code smtp-source} without {@code -d}): greeting,
 * EHLO, then for each message MAIL, RCPT, DATA, content, and QUIT when the connection is done. Reply lines arrive one
 * at a time from a {@code LineBasedFrameDecoder}; only the last line of a reply ({@code NNN SP}) is acted on.
 *
 * <p>A message's latency runs from the first byte written for it (its MAIL command; with one connection per message,
 * from the start of the connect, so it includes TCP set-up, greeting and EHLO) to the {@code 250} after its content.
 * Runs on the connection's event loop only.
 */
final class ClientSession extends SimpleChannelInboundHandler<ByteBuf> {
    private enum Step {
        GREETING,
        EHLO,
        MAIL,
        RCPT,
        DATA,
        CONTENT,
        QUIT
    }

    private final LoadRun run;
    private final MessageSource source;
    private final boolean reuse;
    private final long connectStarted;

    private Step step = Step.GREETING;
    private int message = -1;
    private long started;
    private int sent;

    ClientSession(LoadRun run, MessageSource source, boolean reuse, long connectStarted) {
        this.run = run;
        this.source = source;
        this.reuse = reuse;
        this.connectStarted = connectStarted;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        if (line.readableBytes() > 3 && line.getByte(line.readerIndex() + 3) == '-') {
            return; // a continuation line of a multi-line reply
        }
        int code = code(line);
        switch (step) {
            case GREETING -> {
                if (expect(ctx, code, 220, line)) {
                    command(ctx, "EHLO load.example.org", Step.EHLO);
                }
            }
            case EHLO -> {
                if (expect(ctx, code, 250, line)) {
                    nextMessage(ctx);
                }
            }
            case MAIL -> {
                if (expect(ctx, code, 250, line)) {
                    command(ctx, "RCPT TO:<" + source.recipient(message) + ">", Step.RCPT);
                }
            }
            case RCPT -> {
                if (expect(ctx, code, 250, line)) {
                    command(ctx, "DATA", Step.DATA);
                }
            }
            case DATA -> {
                if (expect(ctx, code, 354, line)) {
                    step = Step.CONTENT;
                    ctx.write(source.header(run.id(message), message));
                    ctx.writeAndFlush(source.body());
                }
            }
            case CONTENT -> {
                if (expect(ctx, code, 250, line)) {
                    run.accepted(message, System.nanoTime() - started);
                    message = -1;
                    sent++;
                    nextMessage(ctx);
                }
            }
            case QUIT -> ctx.close();
        }
    }

    private void nextMessage(ChannelHandlerContext ctx) {
        int m = reuse || sent == 0 ? run.claim() : -1;
        if (m < 0) {
            command(ctx, "QUIT", Step.QUIT);
            return;
        }
        message = m;
        started = !reuse && sent == 0 ? connectStarted : System.nanoTime();
        command(ctx, "MAIL FROM:<" + source.sender() + "> SIZE=" + source.size(), Step.MAIL);
    }

    private void command(ChannelHandlerContext ctx, String line, Step next) {
        step = next;
        ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.US_ASCII));
    }

    private boolean expect(ChannelHandlerContext ctx, int code, int expected, ByteBuf line) {
        if (code == expected) {
            return true;
        }
        fail(ctx, step + ": " + line.toString(StandardCharsets.UTF_8));
        return false;
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        if (message >= 0) {
            run.failed(message, why);
            message = -1;
        }
        ctx.close();
    }

    private static int code(ByteBuf line) {
        if (line.readableBytes() < 3) {
            return -1;
        }
        int i = line.readerIndex();
        int code = 0;
        for (int k = 0; k < 3; k++) {
            int d = line.getByte(i + k) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            code = code * 10 + d;
        }
        return code;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (message >= 0) {
            run.failed(message, "connection closed during " + step);
            message = -1;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, step + ": " + cause);
    }
}
