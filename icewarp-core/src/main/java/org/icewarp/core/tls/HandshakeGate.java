package org.icewarp.core.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Promise;
import javax.net.ssl.SSLSession;
import org.icewarp.core.log.ActivityLog;

/**
 * Stands between TLS and the protocol until the handshake is over. Until then it holds back {@code channelActive}
 * (implicit TLS: the protocol's greeting waits for the handshake), drops every inbound message (STARTTLS: plaintext
 * the client pipelined behind the command), and keeps handshake errors from the protocol. On success it lets {@code
 * channelActive} through (when it held one back) and leaves the pipeline; on failure it logs the refusal with its
 * reason in the service's log and closes the connection.
 */
final class HandshakeGate extends ChannelInboundHandlerAdapter {
    static final String NAME = "icewarp-tls-gate";

    private final ActivityLog log;
    private final Runnable onRefused;
    private final Promise<io.netty.channel.Channel> done;
    private boolean activeHeld;
    private boolean finished;
    private long discardedBytes;
    private long discardedMessages;

    HandshakeGate(ActivityLog log, Runnable onRefused, Promise<io.netty.channel.Channel> done) {
        this.log = log;
        this.onRefused = onRefused;
        this.done = done;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        activeHeld = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.buffer.ByteBuf b) {
            discardedBytes += b.readableBytes();
        } else {
            discardedMessages++;
        }
        io.netty.util.ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent e)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (!e.isSuccess()) {
            refuse(ctx, e.cause());
            return;
        }
        finished = true;
        String remote = remote(ctx);
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null && log.isEnabled(org.icewarp.core.log.LogLevel.DEBUG)) {
            SSLSession s = ssl.engine().getSession();
            log.debug("{} TLS established: {} {}", remote, s.getProtocol(), s.getCipherSuite());
        }
        if (discardedBytes > 0 || discardedMessages > 0) {
            log.summary(
                    "{} sent {} bytes and {} commands after STARTTLS before the TLS handshake; discarded, not executed",
                    remote,
                    discardedBytes,
                    discardedMessages);
        }
        ctx.pipeline().remove(this);
        if (activeHeld) {
            ctx.fireChannelActive();
        }
        ctx.fireUserEventTriggered(evt);
        done.trySuccess(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (finished) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        refuse(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!finished) {
            // the protocol never saw the connection become active; it must not see it go either
            finished = true;
            log.debug("{} closed the connection before the TLS handshake ended", remote(ctx));
            done.tryFailure(new javax.net.ssl.SSLException("connection closed before the TLS handshake ended"));
            return;
        }
        ctx.fireChannelInactive();
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        onRefused.run();
        log.summary("{} refused during the TLS handshake: {}", remote(ctx), reason(cause));
        done.tryFailure(cause == null ? new javax.net.ssl.SSLException("TLS handshake failed") : cause);
        ctx.close();
    }

    static String reason(Throwable cause) {
        Throwable t = cause;
        while ((t instanceof DecoderException || t instanceof javax.net.ssl.SSLHandshakeException)
                && t.getCause() != null
                && t.getCause() != t) {
            if (t instanceof javax.net.ssl.SSLHandshakeException && t.getMessage() != null) {
                break;
            }
            t = t.getCause();
        }
        if (t == null) {
            return "unknown";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String remote(ChannelHandlerContext ctx) {
        java.net.SocketAddress a = ctx.channel().remoteAddress();
        return a instanceof java.net.InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
    }
}
