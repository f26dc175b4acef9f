package org.icewarp.core.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.Mapping;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.TlsSettings;

/**
 * The TLS versions, cipher suites and engine in force: the one place server {@link SslContext}s are built. Compared by
 * identity: a new policy (after a configuration change) gets new contexts, built on first use.
 */
final class TlsPolicy {
    private final List<String> protocols;
    private final List<String> ciphers;
    private final SslProvider provider;
    private final long handshakeTimeoutMillis;

    private TlsPolicy(List<String> protocols, List<String> ciphers, SslProvider provider, long handshakeTimeoutMillis) {
        this.protocols = protocols;
        this.ciphers = ciphers;
        this.provider = provider;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /**
     * @throws ConfigurationException when the engine is {@code openssl} and netty-tcnative cannot be loaded
     */
    static TlsPolicy of(TlsSettings s) {
        return new TlsPolicy(
                s.protocols(),
                s.ciphers(),
                provider(s.engine()),
                s.handshakeTimeout().toMillis());
    }

    static SslProvider provider(TlsSettings.Engine engine) {
        return switch (engine) {
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    Throwable why = OpenSsl.unavailabilityCause();
                    throw new ConfigurationException(
                            "system.advanced.protocol.tls.engine",
                            "openssl",
                            "netty-tcnative (OpenSSL) cannot be loaded on this machine: "
                                    + (why == null ? "unknown reason" : why.getMessage())
                                    + "; use auto or jdk, or put netty-tcnative-boringssl-static on the class path",
                            why);
                }
                yield SslProvider.OPENSSL;
            }
        };
    }

    SslProvider provider() {
        return provider;
    }

    /**
     * A handler that reads the client's hello, picks the context by the name it asks for (SNI) and replaces itself
     * with the TLS handler; the connection is closed when the handshake has not finished within the policy's timeout
     * (counted from here, so a client that connects and sends nothing does not hold the connection).
     */
    SniHandler sniHandler(Mapping<String, SslContext> mapping) {
        return new SniHandler(mapping, handshakeTimeoutMillis);
    }

    List<String> protocols() {
        return protocols;
    }

    /** The key of the contexts cached on a certificate: this policy with one trust (or none). */
    private record Key(TlsPolicy policy, Object trust) {}

    /**
     * The server context for a certificate under this policy, built once and cached on the certificate.
     *
     * @param trust what client certificates are verified against (an identity-compared snapshot); {@code null} when
     *     the binding does not ask for one
     */
    SslContext context(ServerCertificate c, Trust trust) {
        Key key = new Key(this, trust);
        SslContext ctx = c.contexts.get(key);
        if (ctx == null) {
            if (c.contexts.size() > 16) {
                // old policies and trust snapshots after reloads: drop them rather than grow
                c.contexts.clear();
            }
            ctx = c.contexts.computeIfAbsent(key, k -> build(c, trust));
        }
        return ctx;
    }

    private SslContext build(ServerCertificate c, Trust trust) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(c.key(), c.chain().toArray(X509Certificate[]::new))
                    .sslProvider(provider)
                    .protocols(protocols)
                    .ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE);
            if (trust != null) {
                b.clientAuth(ClientAuth.REQUIRE).trustManager(trust.manager());
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with " + c + ": " + e.getMessage(), e);
        }
    }

    /** What client certificates are verified against; one instance per state of the CA file or store. */
    record Trust(List<X509Certificate> roots, String source) {
        /**
         * A trust manager for exactly these roots. Never the JDK's default: an empty store must refuse every client,
         * not fall back to the public CAs of {@code cacerts}.
         */
        javax.net.ssl.TrustManager manager() {
            if (roots.isEmpty()) {
                return new NoTrust(source);
            }
            try {
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                for (int i = 0; i < roots.size(); i++) {
                    ks.setCertificateEntry("ca-" + i, roots.get(i));
                }
                javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                f.init(ks);
                return f.getTrustManagers()[0];
            } catch (java.security.GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException("cannot set up the trust of " + source + ": " + e, e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Refuses every peer: the CA file or store holds no certificate. */
    private static final class NoTrust implements javax.net.ssl.X509TrustManager {
        private final String source;

        NoTrust(String source) {
            this.source = source;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException(
                    source + " holds no CA certificate; no client is trusted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException(
                    source + " holds no CA certificate; no server is trusted");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
