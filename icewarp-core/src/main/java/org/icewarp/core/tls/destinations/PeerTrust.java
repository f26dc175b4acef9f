package org.icewarp.core.tls.destinations;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Decides whether a peer's certificate chain leads to a trusted CA: what a secure destination without subject, issuer
 * and fingerprint requires. The CA store (the seed's "CA Certificates") is one source of trust; the JDK's
 * {@code cacerts} may be another ({@link #or(PeerTrust)}).
 *
 * <p>Implementations are thread-safe. Stock ones: {@link #anchors(Set)}, {@link #certificates(Collection)}, {@link
 * #trustManager(X509TrustManager)}, {@link #jdkDefault()} and {@link #none()}. None of them checks revocation (CRL,
 * OCSP) or that the certificate names the host.
 */
@FunctionalInterface
public interface PeerTrust {

    /**
     * Checks a chain.
     *
     * @param chain the peer's certificate first, then what else it sent, as the TLS handshake delivered them; not
     *     empty; must not be null
     * @return empty if the chain is trusted, otherwise why not (one line, for the refusal's reason); never null
     */
    Optional<String> problem(List<X509Certificate> chain);

    /**
     * Trusts chains that build (RFC 5280 path validation, PKIX) to one of these anchors at the current time; the
     * peer's certificate must be valid then and, if it has an extended key usage, allow serverAuth.
     *
     * @param anchors the trusted CAs; may be empty (nothing is trusted); must not be null
     * @return the trust; never null
     */
    static PeerTrust anchors(Set<TrustAnchor> anchors) {
        return new AnchorTrust(anchors, Clock.systemUTC());
    }

    /**
     * As {@link #anchors(Set)}, validating at this clock's time.
     *
     * @param anchors the trusted CAs; must not be null
     * @param clock the time of validation; must not be null
     * @return the trust; never null
     */
    static PeerTrust anchors(Set<TrustAnchor> anchors, Clock clock) {
        return new AnchorTrust(anchors, clock);
    }

    /**
     * As {@link #anchors(Set)}, with these CA certificates as the anchors.
     *
     * @param caCertificates the trusted CA certificates; must not be null
     * @return the trust; never null
     */
    static PeerTrust certificates(Collection<X509Certificate> caCertificates) {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate c : caCertificates) {
            anchors.add(new TrustAnchor(Objects.requireNonNull(c, "caCertificates"), null));
        }
        return anchors(anchors);
    }

    /**
     * Trusts what a trust manager trusts as a server ({@link X509TrustManager#checkServerTrusted}, with the key
     * exchange unknown, as in TLS 1.3).
     *
     * @param trustManager the trust manager; must not be null
     * @return the trust; never null
     */
    static PeerTrust trustManager(X509TrustManager trustManager) {
        Objects.requireNonNull(trustManager, "trustManager");
        return chain -> {
            try {
                trustManager.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
                return Optional.empty();
            } catch (java.security.cert.CertificateException e) {
                return Optional.of(String.valueOf(e.getMessage()));
            }
        };
    }

    /**
     * Trusts the JDK's default CAs ({@code cacerts}, or what {@code javax.net.ssl.trustStore} names).
     *
     * @return the trust; never null
     * @throws IllegalStateException if the JDK's trust store cannot be loaded
     */
    static PeerTrust jdkDefault() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return trustManager(x);
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be loaded", e);
        }
    }

    /**
     * Trusts nothing.
     *
     * @return the trust; never null
     */
    static PeerTrust none() {
        return chain -> Optional.of("no trusted CA is configured");
    }

    /**
     * Trusts what this or the other trusts; the other is asked only if this refuses.
     *
     * @param other the other trust; must not be null
     * @return the combination; never null
     */
    default PeerTrust or(PeerTrust other) {
        Objects.requireNonNull(other, "other");
        return chain -> {
            Optional<String> first = problem(chain);
            if (first.isEmpty()) {
                return first;
            }
            Optional<String> second = other.problem(chain);
            return second.isEmpty() ? second : Optional.of(first.get() + "; " + second.get());
        };
    }
}
