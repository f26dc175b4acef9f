package org.icewarp.core.tls;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.net.InetAddress;
import org.icewarp.core.log.ActivityLog;

/**
 * TLS for one binding of one service: puts TLS in front of each accepted connection, with the binding's own
 * certificate when it names one (else the server's choice by local address and SNI), and client-certificate
 * verification when the binding requires it. Created by {@link ServerTls#listener}; closed with the binding.
 */
public final class TlsListener implements AutoCloseable {
    private final ServerTls tls;
    private final String service;
    private final ActivityLog log;
    private final Runnable onRefused;
    /** The binding's own certificate, or {@code null} for the server's choice. */
    private final WatchedFile<ServerCertificate> certificate;
    /** The binding's own CA file, or {@code null} for the CA store (when peers are verified). */
    private final WatchedFile<TlsPolicy.Trust> caFile;

    private final boolean requirePeer;

    TlsListener(
            ServerTls tls,
            String service,
            ActivityLog log,
            Runnable onRefused,
            WatchedFile<ServerCertificate> certificate,
            WatchedFile<TlsPolicy.Trust> caFile,
            boolean requirePeer) {
        this.tls = tls;
        this.service = service;
        this.log = log;
        this.onRefused = onRefused;
        this.certificate = certificate;
        this.caFile = caFile;
        this.requirePeer = requirePeer;
    }

    /** Adds TLS to a newly accepted connection, before the protocol's handlers. Runs on its event loop. */
    public void install(SocketChannel channel) {
        InetAddress local = channel.localAddress().getAddress();
        channel.pipeline()
                .addLast(ServerTls.HANDLER_NAME, tls.policy().sniHandler(mapping(local)))
                .addLast(
                        HandshakeGate.NAME,
                        new HandshakeGate(log, onRefused, channel.eventLoop().newPromise()));
    }

    /** The SNI mapping for one connection: the host name the client sent (or {@code null}) to a server context. */
    Mapping<String, SslContext> mapping(InetAddress local) {
        return host -> context(local, host);
    }

    SslContext context(InetAddress local, String host) {
        ServerCertificate c =
                certificate != null ? certificate.value() : tls.select(new CertificateRequest(service, local, host));
        TlsPolicy.Trust trust = !requirePeer ? null : caFile != null ? caFile.value() : tls.caTrust();
        return tls.policy().context(c, trust);
    }

    /** Whether this connection would be refused without a client certificate. */
    public boolean requiresPeerCertificate() {
        return requirePeer;
    }

    /** Stops watching the binding's files. */
    @Override
    public void close() {
        if (certificate != null) {
            tls.unwatch(certificate);
        }
        if (caFile != null) {
            tls.unwatch(caFile);
        }
    }

    static boolean isTls(Channel ch) {
        return ch.pipeline().get(ServerTls.HANDLER_NAME) != null
                || ch.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
    }
}
