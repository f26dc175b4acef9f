package org.icewarp.core.tls.destinations;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * PKIX path building to a set of anchors. The peer's chain is a pool, not a path: peers send intermediates out of
 * order, the root, or stale extra certificates, so the JDK's {@link CertPathBuilder} picks the path. The leaf's own
 * dates and extended key usage are checked first, for a clearer reason than "no path found".
 */
final class AnchorTrust implements PeerTrust {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    AnchorTrust(Set<TrustAnchor> anchors, Clock clock) {
        this.anchors = Set.copyOf(anchors);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> problem(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return Optional.of("no certificate");
        }
        X509Certificate leaf = chain.get(0);
        Date now = Date.from(clock.instant());
        try {
            leaf.checkValidity(now);
        } catch (CertificateExpiredException e) {
            return Optional.of(
                    "the certificate expired on " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return Optional.of(
                    "the certificate is not valid before " + leaf.getNotBefore().toInstant());
        }
        try {
            List<String> usage = leaf.getExtendedKeyUsage();
            if (usage != null && !usage.contains(SERVER_AUTH) && !usage.contains(ANY_USAGE)) {
                return Optional.of("the certificate's extended key usage does not allow a TLS server");
            }
        } catch (CertificateParsingException e) {
            return Optional.of("the certificate's extended key usage cannot be read");
        }
        for (TrustAnchor a : anchors) {
            if (leaf.equals(a.getTrustedCert())) {
                return Optional.empty();
            }
        }
        if (anchors.isEmpty()) {
            return Optional.of("no trusted CA is configured");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, target);
            p.setRevocationEnabled(false);
            p.setDate(now);
            p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(p);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of("no chain to a trusted CA (" + e.getMessage() + ")");
        }
    }
}
