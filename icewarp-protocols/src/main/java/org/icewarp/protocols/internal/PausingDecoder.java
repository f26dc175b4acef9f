package org.icewarp.protocols.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.icewarp.core.tls.ServiceTls;

/**
 * The base of the line protocols' decoders (SMTP, POP3, IMAP): one command at a time. After a subclass has produced a
 * command it calls {@link #pause()}; nothing more is decoded until the session has answered and calls {@link #resume},
 * so pipelined commands run strictly in order and a session can switch the decoder's mode (DATA, a literal) before
 * the next byte is looked at.
 *
 * <p>While paused the decoder asks for no further reads (the session has turned {@code autoRead} off), so a client
 * that writes on cannot make the buffer grow without bound; and it drops its buffer when STARTTLS asks ({@link
 * ServiceTls.BufferedInput}), so plaintext pipelined behind STARTTLS is never executed.
 *
 * <p>Internal to the protocols: public only because the protocols live in several packages. Not thread-safe; Netty
 * calls it on the channel's event loop, and so must the session.
 */
public abstract class PausingDecoder extends ByteToMessageDecoder implements ServiceTls.BufferedInput {
    private boolean paused;
    private boolean inRead;
    private ChannelHandlerContext context;

    /** For subclasses. */
    protected PausingDecoder() {}

    /** Stops decoding after the command just produced; the session calls {@link #resume} when it has answered. */
    protected final void pause() {
        paused = true;
    }

    /** Whether the decoder waits for {@link #resume}. */
    public final boolean paused() {
        return paused;
    }

    /**
     * Lets the decoder go on with the next input once the session has answered the last command. Call on the event
     * loop. Bytes already buffered are decoded now (or, when called from inside a read, as the read goes on).
     */
    public final void resume() {
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

    /** Decodes while not paused; see {@link ByteToMessageDecoder#decode}. */
    protected abstract void decodeInput(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception;

    /** Forgets any partial command or mode after STARTTLS dropped the buffer. */
    protected abstract void discarded();

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (!paused) {
            decodeInput(ctx, in, out);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.context = ctx;
        super.handlerAdded(ctx);
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
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (paused) {
            // The session has turned autoRead off while it works on a command. ByteToMessageDecoder would ask for
            // another read when nothing was decoded with autoRead off; reading resumes when the session does.
            discardSomeReadBytes();
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public final int discardBufferedInput() {
        ByteBuf held = internalBuffer();
        int n = held.readableBytes();
        held.skipBytes(n);
        discarded();
        // STARTTLS (STLS) was the last command: nothing more until the session resumes after the handshake
        paused = true;
        return n;
    }
}
