package org.icewarp.core.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SniHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import org.icewarp.core.log.ActivityLog;

/** {@link ServiceTls} of one service: the global switch, and STARTTLS with the server's certificate choice. */
final class StartTls implements ServiceTls {
    /** Names of the kernel's own handlers, which stay in front of TLS (they count and shape raw bytes). */
    private static final String[] KERNEL_HANDLERS = {"icewarp-bandwidth", "icewarp-traffic"};

    private final ServerTls tls;
    private final String service;
    private final ActivityLog log;
    private final Runnable onRefused;

    StartTls(ServerTls tls, String service, ActivityLog log, Runnable onRefused) {
        this.tls = tls;
        this.service = service;
        this.log = log;
        this.onRefused = onRefused;
    }

    @Override
    public boolean enabled() {
        return tls.enabled();
    }

    @Override
    public boolean isActive(Channel channel) {
        return TlsListener.isTls(channel);
    }

    @Override
    public Future<Channel> startTls(ChannelHandlerContext ctx, Object reply) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(reply, "reply");
        if (!ctx.executor().inEventLoop()) {
            throw new IllegalStateException("startTls must be called on the connection's event loop");
        }
        if (!tls.enabled()) {
            throw new IllegalStateException(
                    "TLS is switched off (system.advanced.protocol.tls.enabled); " + "STARTTLS must not be offered");
        }
        Channel channel = ctx.channel();
        if (isActive(channel)) {
            throw new IllegalStateException("the connection already speaks TLS");
        }
        ChannelPipeline p = channel.pipeline();
        // 0. input held by decoders (an incomplete frame sent in the clear) must not meet the decrypted bytes
        int held = 0;
        for (Map.Entry<String, ChannelHandler> e : p) {
            if (e.getValue() instanceof BufferedInput b) {
                held += b.discardBufferedInput();
            }
        }
        if (held > 0) {
            log.summary(
                    "{} sent {} bytes after STARTTLS before the TLS handshake; discarded, not executed",
                    channel.remoteAddress(),
                    held);
        }
        Promise<Channel> done = channel.eventLoop().newPromise();
        HandshakeGate gate = new HandshakeGate(log, onRefused, done);
        // 1. input the client pipelined behind STARTTLS: whatever the decoders still decode from it meets the gate
        p.addBefore(ctx.name(), HandshakeGate.NAME, gate);
        // 2. TLS right behind the kernel's handlers
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        TlsPolicy policy = tls.policy();
        SniHandler sni = policy.sniHandler(
                host -> policy.context(tls.select(new CertificateRequest(service, local.getAddress(), host)), null));
        String after = null;
        for (String k : KERNEL_HANDLERS) {
            if (after == null && p.get(k) != null) {
                after = k;
            }
        }
        if (after == null) {
            p.addFirst(ServerTls.HANDLER_NAME, sni);
        } else {
            p.addAfter(after, ServerTls.HANDLER_NAME, sni);
        }
        // 3. the go-ahead, in the clear: the SniHandler only reads, so this write passes it unencrypted
        ctx.writeAndFlush(reply);
        return done;
    }
}
