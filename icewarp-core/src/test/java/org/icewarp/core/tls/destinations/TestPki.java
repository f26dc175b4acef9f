package org.icewarp.core.tls.destinations;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.icewarp.core.tls.create.CertificateCreator;
import org.icewarp.core.tls.create.CertificateSpec;
import org.icewarp.core.tls.create.IssuedCertificate;
import org.icewarp.core.tls.create.KeyType;
import org.icewarp.core.tls.create.SubjectAltName;

/**
 * A small PKI generated once per test class: a trusted root, an intermediate under it, server certificates under the
 * intermediate (current and expired), a second root nobody trusts with a server under it, and a self-signed server.
 */
final class TestPki {
    final IssuedCertificate root;
    final IssuedCertificate intermediate;
    final IssuedCertificate server;
    final IssuedCertificate expired;
    final IssuedCertificate otherRoot;
    final IssuedCertificate untrustedServer;
    final IssuedCertificate selfSigned;

    TestPki() {
        CertificateCreator now = CertificateCreator.create();
        root = now.selfSigned(ca("Test Root CA", 3650));
        intermediate = now.signedBy(ca("Test Issuing CA", 1000), root);
        server = now.signedBy(server("mx.example.com", 90), intermediate);
        CertificateCreator past =
                CertificateCreator.withClock(Clock.fixed(Instant.now().minusSeconds(200L * 86_400), ZoneOffset.UTC));
        expired = past.signedBy(server("mx.example.com", 100), intermediate);
        otherRoot = now.selfSigned(ca("Other Root CA", 3650));
        untrustedServer = now.signedBy(server("mx.example.com", 90), otherRoot);
        selfSigned = now.selfSigned(server("mx.example.com", 90));
    }

    static CertificateSpec ca(String name, int days) {
        return CertificateSpec.builder()
                .keyType(KeyType.EC_P256)
                .commonName(name)
                .organization("Example")
                .certificateAuthority(true)
                .days(days)
                .build();
    }

    static CertificateSpec server(String host, int days) {
        return CertificateSpec.builder()
                .keyType(KeyType.EC_P256)
                .commonName(host)
                .organization("Example")
                .subjectAltName(SubjectAltName.dns("*.example.com"))
                .days(days)
                .build();
    }

    /** The chain a server would send: its certificate and the intermediate, without the root. */
    static List<X509Certificate> sent(IssuedCertificate c) {
        return c.chain().size() > 2 ? c.chain().subList(0, c.chain().size() - 1) : c.chain();
    }

    PeerTrust trustRoot() {
        return PeerTrust.anchors(Set.of(new TrustAnchor(root.certificate(), null)));
    }
}
