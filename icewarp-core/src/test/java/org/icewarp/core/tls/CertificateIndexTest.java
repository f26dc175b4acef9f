package org.icewarp.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.icewarp.core.testing.TestPki;
import org.junit.jupiter.api.Test;

/** The seed's choice: IP-bound first, then the most specific SNI match, the default last. */
class CertificateIndexTest {
    private static final TestPki CA = TestPki.ca("Index CA");

    private static ServerCertificate cert(String cn, String... names) {
        TestPki.Issued i = CA.issue(cn, names);
        return ServerCertificate.of(i.key(), i.chain());
    }

    private static final ServerCertificate DEFAULT = cert("default");
    private static final ServerCertificate WILDCARD = cert("*.icewarp.com");
    private static final ServerCertificate SERVER = cert("server.icewarp.com");
    private static final ServerCertificate SAN = cert("multi", "mail.example.org", "*.example.org");
    private static final ServerCertificate BOUND = cert("bound.example.net");

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private final CertificateProvider index =
            CertificateProvider.of(DEFAULT, Map.of(inet("192.0.2.10"), BOUND), List.of(WILDCARD, SERVER, SAN));

    private static InetAddress inet(String s) {
        try {
            return ip(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ServerCertificate pick(String local, String sni) {
        return index.select(new CertificateRequest("svc", inet(local), sni)).orElseThrow();
    }

    @Test
    void theMostSpecificNameWins() {
        assertThat(pick("127.0.0.1", "server.icewarp.com")).isSameAs(SERVER);
        assertThat(pick("127.0.0.1", "other.icewarp.com")).isSameAs(WILDCARD);
    }

    @Test
    void aWildcardMatchesExactlyOneLabel() {
        assertThat(pick("127.0.0.1", "a.b.icewarp.com")).isSameAs(DEFAULT);
        assertThat(pick("127.0.0.1", "icewarp.com")).isSameAs(DEFAULT);
    }

    @Test
    void subjectAlternativeNamesCountAndCaseAndTrailingDotDoNot() {
        assertThat(pick("127.0.0.1", "MAIL.Example.org.")).isSameAs(SAN);
        assertThat(pick("127.0.0.1", "www.example.org")).isSameAs(SAN);
    }

    @Test
    void withoutSniOrMatchTheDefaultAnswers() {
        assertThat(pick("127.0.0.1", null)).isSameAs(DEFAULT);
        assertThat(pick("127.0.0.1", "unknown.test")).isSameAs(DEFAULT);
    }

    @Test
    void anIpBoundCertificateWinsForItsAddressOnly() {
        assertThat(pick("192.0.2.10", null)).isSameAs(BOUND);
        assertThat(pick("192.0.2.10", "server.icewarp.com")).isSameAs(BOUND);
        assertThat(pick("::ffff:192.0.2.10", null)).isSameAs(BOUND);
        assertThat(pick("192.0.2.11", null)).isSameAs(DEFAULT);
    }

    @Test
    void ofTwoCertificatesForOneNameTheOneValidLongerWins() {
        TestPki.Issued shortLived = CA.issue(
                TestPki.ec(),
                "dup.test",
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(2)),
                "dup.test");
        TestPki.Issued longLived = CA.issue(
                TestPki.ec(),
                "dup.test",
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(20)),
                "dup.test");
        ServerCertificate a = ServerCertificate.of(shortLived.key(), shortLived.chain());
        ServerCertificate b = ServerCertificate.of(longLived.key(), longLived.chain());
        CertificateProvider p = CertificateProvider.of(DEFAULT, Map.of(), List.of(b, a));
        assertThat(p.select(new CertificateRequest("svc", inet("127.0.0.1"), "dup.test"))
                        .orElseThrow())
                .isSameAs(b);
    }
}
