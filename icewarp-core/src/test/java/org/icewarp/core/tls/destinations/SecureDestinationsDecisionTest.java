package org.icewarp.core.tls.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.icewarp.core.tls.create.ExistingFile;
import org.icewarp.core.tls.create.IssuedCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The seed's decision table for outgoing TLS, over a generated PKI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureDestinationsDecisionTest {
    private TestPki pki;
    private PeerTrust trust;

    @BeforeAll
    void pki() {
        pki = new TestPki();
        trust = pki.trustRoot();
    }

    private Decision decide(String rules, String host, IssuedCertificate peer) {
        return SecureDestinations.parse(rules).decide(host, TestPki.sent(peer), trust);
    }

    private static String sha256(X509Certificate c) {
        return Fingerprint.of(c, Fingerprint.Algorithm.SHA_256).toString();
    }

    private static String sha1(X509Certificate c) {
        return Fingerprint.of(c, Fingerprint.Algorithm.SHA_1).toString();
    }

    // --- no rule: TLS optional ---

    @Test
    void withoutAMatchingRuleAnythingGoesEvenPlainText() {
        SecureDestinations rules = SecureDestinations.parse("mx.example.org\n");

        assertThat(rules.decide("mx.example.com", TestPki.sent(pki.selfSigned), trust))
                .isEqualTo(new Decision.NotRequired("mx.example.com"));
        assertThat(rules.decideWithoutTls("mx.example.com").allowed()).isTrue();
        assertThat(rules.requiresTls("mx.example.com")).isFalse();
        assertThat(SecureDestinations.none()
                        .decide("a", List.of(), PeerTrust.none())
                        .allowed())
                .isTrue();
    }

    // --- a rule: TLS mandatory ---

    @Test
    void aMatchingRuleMakesTlsMandatory() {
        SecureDestinations rules = SecureDestinations.parse("mx.example.com");

        Decision d = rules.decideWithoutTls("MX.Example.com.");

        assertThat(d).isInstanceOf(Decision.Refused.class);
        assertThat(d.message())
                .isEqualTo("MX.Example.com.: refused by secure destination 'mx.example.com': TLS is required, and"
                        + " the connection is not encrypted");
        assertThat(rules.decide("mx.example.com", List.of(), trust).message())
                .contains("the peer presented no certificate");
    }

    // --- rule without conditions: a chain to a trusted CA ---

    @Test
    void aRuleWithoutConditionsAcceptsAChainToATrustedCa() {
        Decision d = decide("mx.example.com", "mx.example.com", pki.server);

        assertThat(d).isInstanceOf(Decision.Allowed.class);
        assertThat(d.message()).contains("chain verified to a trusted CA");
        assertThat(SecureDestinations.parse("*")
                        .decide("mx.example.com", pki.server.chain(), trust)
                        .allowed())
                .as("the root sent along")
                .isTrue();
    }

    @Test
    void aRuleWithoutConditionsRefusesAnUntrustedCaASelfSignedAndAnExpiredCertificate() {
        Decision untrusted = decide("*", "mx.example.com", pki.untrustedServer);
        Decision self = decide("*", "mx.example.com", pki.selfSigned);
        Decision expired = decide("*", "mx.example.com", pki.expired);
        Decision missingIntermediate =
                SecureDestinations.parse("*").decide("mx.example.com", List.of(pki.server.certificate()), trust);

        assertThat(List.of(untrusted, self, expired, missingIntermediate))
                .allSatisfy(d -> assertThat(d).isInstanceOf(Decision.Refused.class));
        assertThat(untrusted.message())
                .startsWith("mx.example.com: refused by secure destination '*': certificate 'CN=mx.example.com,"
                        + "O=Example' is not from a trusted CA: no chain to a trusted CA");
        assertThat(expired.message()).contains("the certificate expired on");
        assertThat(self.message()).contains("is not from a trusted CA");
    }

    @Test
    void theJdkCasCanBeAddedToTheCaStore() {
        PeerTrust withJdk = PeerTrust.none().or(PeerTrust.jdkDefault()).or(trust);

        assertThat(SecureDestinations.parse("*")
                        .decide("mx.example.com", TestPki.sent(pki.server), withJdk)
                        .allowed())
                .isTrue();
        Decision d = SecureDestinations.parse("*").decide("mx.example.com", TestPki.sent(pki.selfSigned), withJdk);
        assertThat(d.allowed()).isFalse();
        assertThat(d.message()).contains("no trusted CA is configured; ");
    }

    @Test
    void aCallersTrustManagerCanBeTheCaStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", pki.root.certificate());
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(store);
        PeerTrust managed = PeerTrust.trustManager((X509TrustManager) f.getTrustManagers()[0]);
        SecureDestinations rules = SecureDestinations.parse("*.example.com");

        assertThat(rules.decide("mx.example.com", TestPki.sent(pki.server), managed))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(rules.decide("mx.example.com", TestPki.sent(pki.untrustedServer), managed))
                .isInstanceOf(Decision.Refused.class);
        assertThat(rules.decide("mx.example.com", TestPki.sent(pki.expired), managed))
                .isInstanceOf(Decision.Refused.class);
    }

    @Test
    void aTrustedSelfSignedCertificateIsItsOwnAnchor() {
        PeerTrust pinned = PeerTrust.certificates(List.of(pki.selfSigned.certificate()));

        assertThat(SecureDestinations.parse("*")
                        .decide("mx.example.com", pki.selfSigned.chain(), pinned)
                        .allowed())
                .isTrue();
    }

    // --- rules with subject, issuer, fingerprint: all given must match, nothing else is checked ---

    @Test
    void subjectOnlyMatchesAsAnX500NameWhateverTheIssuer() {
        String rule = "* subject=\"cn=MX.example.com,  o=example\"";

        assertThat(decide(rule, "mx.example.com", pki.selfSigned).allowed()).isTrue();
        assertThat(decide(rule, "mx.example.com", pki.untrustedServer).message())
                .endsWith("subject match");
        Decision other = decide("* subject=CN=mx.example.org,O=Example", "h", pki.server);
        assertThat(other.message())
                .endsWith("subject 'CN=mx.example.com,O=Example' is not the required 'CN=mx.example.org,O=Example'");
    }

    @Test
    void issuerOnlyMatchesTheIssuingCaEvenForAnExpiredCertificate() {
        String rule = "* issuer=\"CN=Test Issuing CA,O=Example\"";

        assertThat(decide(rule, "mx.example.com", pki.server).allowed()).isTrue();
        assertThat(decide(rule, "mx.example.com", pki.expired).allowed()).isTrue();
        assertThat(decide(rule, "mx.example.com", pki.untrustedServer).message())
                .contains("issuer 'CN=Other Root CA,O=Example' is not the required")
                .doesNotContain("subject");
    }

    @Test
    void sha256FingerprintsMatchWithOrWithoutColonsInAnyCase() {
        X509Certificate peer = pki.selfSigned.certificate();
        String colons = sha256(peer);
        String bare = colons.replace(":", "").toLowerCase(Locale.ROOT);

        assertThat(decide("* fingerprint=" + colons, "h", pki.selfSigned).allowed())
                .isTrue();
        assertThat(decide("* fingerprint=" + bare, "h", pki.selfSigned).allowed())
                .isTrue();
        assertThat(decide("* fingerprint=SHA256:" + bare.toUpperCase(Locale.ROOT), "h", pki.selfSigned)
                        .allowed())
                .isTrue();
        Decision wrong = decide("* fingerprint=" + sha256(pki.server.certificate()), "h", pki.selfSigned);
        assertThat(wrong.message())
                .contains("SHA-256 fingerprint " + colons + " is not the required " + sha256(pki.server.certificate()));
    }

    @Test
    void sha1FingerprintsStillWork() {
        X509Certificate peer = pki.server.certificate();

        assertThat(decide("* fingerprint=" + sha1(peer), "h", pki.server).allowed())
                .isTrue();
        assertThat(decide("* fingerprint=" + sha1(peer).replace(":", ""), "h", pki.server)
                        .allowed())
                .isTrue();
        assertThat(decide("* fingerprint=" + sha1(peer), "h", pki.selfSigned).message())
                .contains("SHA-1 fingerprint");
    }

    @Test
    void everyGivenConditionMustMatchAndEachMismatchIsNamed() {
        X509Certificate peer = pki.server.certificate();
        String subject = "subject=\"CN=mx.example.com,O=Example\"";
        String issuer = "issuer=\"CN=Test Issuing CA,O=Example\"";
        String fingerprint = "fingerprint=" + sha256(peer);

        assertThat(decide("* " + subject + " " + issuer + " " + fingerprint, "h", pki.server)
                        .message())
                .endsWith("subject, issuer, SHA-256 fingerprint match");
        Decision wrongFingerprint = decide("* " + subject + " " + issuer + " " + fingerprint, "h", pki.expired);
        assertThat(wrongFingerprint.allowed()).isFalse();
        assertThat(wrongFingerprint.message()).contains("SHA-256 fingerprint").doesNotContain("subject '");
        Decision wrongIssuerAndSubject =
                decide("* subject=CN=other,O=Example issuer=CN=Other,O=Example " + fingerprint, "h", pki.server);
        assertThat(wrongIssuerAndSubject.message())
                .contains("subject 'CN=mx.example.com,O=Example' is not the required 'CN=other,O=Example'; issuer");
        assertThat(wrongIssuerAndSubject.message()).doesNotContain("fingerprint");
    }

    // --- which rule applies ---

    @Test
    void theMostSpecificPatternDecidesNotTheFirstInTheList() {
        String fp = sha256(pki.selfSigned.certificate());
        SecureDestinations rules = SecureDestinations.parse(String.join(
                "\n",
                "*",
                "*.example.com fingerprint=" + fp,
                "*.eu.example.com issuer=\"CN=Test Issuing CA,O=Example\"",
                "mx.eu.example.com subject=\"CN=nobody\""));

        assertThat(rules.ruleFor("mx.eu.example.com").orElseThrow().host().pattern())
                .isEqualTo("mx.eu.example.com");
        assertThat(rules.ruleFor("mx2.eu.example.com").orElseThrow().host().pattern())
                .isEqualTo("*.eu.example.com");
        assertThat(rules.ruleFor("a.b.example.com").orElseThrow().host().pattern())
                .isEqualTo("*.example.com");
        assertThat(rules.ruleFor("example.com").orElseThrow().host().pattern()).isEqualTo("*");
        assertThat(rules.ruleFor("mx.example.org").orElseThrow().host().pattern())
                .isEqualTo("*");

        assertThat(rules.decide("mx.eu.example.com", TestPki.sent(pki.server), trust)
                        .allowed())
                .as("the exact rule refuses; the wildcard rules are no fallback")
                .isFalse();
        assertThat(rules.decide("mx2.eu.example.com", TestPki.sent(pki.server), trust)
                        .allowed())
                .isTrue();
        assertThat(rules.decide("x.example.com", TestPki.sent(pki.selfSigned), trust)
                        .allowed())
                .isTrue();
        assertThat(rules.decide("x.example.com", TestPki.sent(pki.server), trust)
                        .allowed())
                .isFalse();
        assertThat(rules.decide("mx.example.org", TestPki.sent(pki.selfSigned), trust)
                        .allowed())
                .isFalse();
        assertThat(rules.decide("mx.example.org", TestPki.sent(pki.server), trust)
                        .allowed())
                .isTrue();
    }

    // --- the seed's Import ---

    @Test
    void importFillsSubjectIssuerAndFingerprintFromAMergedPemFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("peer.pem");
        pki.server.writeMerged(file, ExistingFile.FAIL);

        SecureDestination imported = SecureDestination.importFile("mx.example.com", file);

        assertThat(imported.subject().orElseThrow())
                .isEqualTo(pki.server.certificate().getSubjectX500Principal());
        assertThat(imported.issuer().orElseThrow())
                .isEqualTo(pki.intermediate.certificate().getSubjectX500Principal());
        assertThat(imported.fingerprint().orElseThrow().algorithm()).isEqualTo(Fingerprint.Algorithm.SHA_256);
        SecureDestinations rules = SecureDestinations.parse(
                SecureDestinations.of(List.of(imported)).toText());
        assertThat(rules.rules()).containsExactly(imported);
        assertThat(rules.decide("mx.example.com", TestPki.sent(pki.server), PeerTrust.none())
                        .message())
                .endsWith("subject, issuer, SHA-256 fingerprint match");
        assertThat(rules.decide("mx.example.com", TestPki.sent(pki.expired), PeerTrust.none())
                        .allowed())
                .isFalse();
    }
}
