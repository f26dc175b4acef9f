package org.icewarp.core.tls.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

/** Certificates and signing requests are parsed back and checked field by field. */
class CertificateCreatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private final CertificateCreator creator = CertificateCreator.withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    private static CertificateSpec.Builder seedFields() {
        return CertificateSpec.builder()
                .commonName("mail.example.com")
                .country("cz")
                .state("Prague")
                .city("Prague")
                .organization("Example Ltd.")
                .unit("IT")
                .email("postmaster@example.com")
                .days(365);
    }

    @Test
    void selfSignedRsaCertificateHasTheSeedFieldsValidityKeyUsageAndAltNames() throws Exception {
        CertificateSpec spec = seedFields()
                .keyType(KeyType.of("RSA", 2048))
                .subjectAltNames(SubjectAltName.parseList("DNS:mail.example.com,DNS:*.example.com,IP:192.0.2.1,"
                        + "IP:2001:db8::1,email:admin@example.com"))
                .build();

        X509Certificate cert = creator.selfSigned(spec).certificate();

        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal())
                .isEqualTo(new X500Principal("EMAILADDRESS=postmaster@example.com,CN=mail.example.com,OU=IT,"
                        + "O=Example Ltd.,L=Prague,ST=Prague,C=CZ"));
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(Duration.between(
                        cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(365));
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength())
                .isEqualTo(2048);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        boolean[] usage = cert.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[2]).as("keyEncipherment").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getSubjectAlternativeNames())
                .containsExactly(
                        List.of(2, "mail.example.com"),
                        List.of(2, "*.example.com"),
                        List.of(7, "192.0.2.1"),
                        List.of(7, "2001:db8:0:0:0:0:0:1"),
                        List.of(1, "admin@example.com"));
        assertThat(cert.getSerialNumber().signum()).isPositive();
    }

    @Test
    void ellipticCurveKeysSignWithTheMatchingHash() throws Exception {
        X509Certificate p256 = creator.selfSigned(
                        seedFields().keyType(KeyType.EC_P256).build())
                .certificate();
        X509Certificate p384 = creator.selfSigned(
                        seedFields().keyType(KeyType.of("ec", 384)).build())
                .certificate();

        assertThat(((ECPublicKey) p256.getPublicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(256);
        assertThat(p256.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(p384.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(p256.getKeyUsage()[2]).as("no keyEncipherment for EC").isFalse();
        p384.verify(p384.getPublicKey());
    }

    @Test
    void theCommonNameBecomesTheFirstDnsNameUnlessListed() throws Exception {
        CertificateSpec spec = seedFields()
                .keyType(KeyType.EC_P256)
                .subjectAltName(SubjectAltName.dns("imap.example.com"))
                .build();
        assertThat(spec.subjectAltNames())
                .containsExactly(SubjectAltName.dns("mail.example.com"), SubjectAltName.dns("imap.example.com"));

        CertificateSpec listed = seedFields()
                .subjectAltName(SubjectAltName.dns("imap.example.com"))
                .subjectAltName(SubjectAltName.dns("MAIL.example.com"))
                .build();
        assertThat(listed.subjectAltNames())
                .containsExactly(SubjectAltName.dns("imap.example.com"), SubjectAltName.dns("mail.example.com"));

        CertificateSpec off = seedFields().commonNameAsAltName(false).build();
        assertThat(off.subjectAltNames()).isEmpty();
        X509Certificate cert = creator.selfSigned(
                        seedFields().keyType(KeyType.EC_P256).build())
                .certificate();
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "mail.example.com"));
    }

    @Test
    void signingRequestVerifiesAndCarriesSubjectAltNamesAndUsages() throws Exception {
        CertificateSpec spec = seedFields()
                .keyType(KeyType.EC_P256)
                .subjectAltNames(SubjectAltName.parseList("DNS:smtp.example.com, IP:198.51.100.7"))
                .build();

        SigningRequest request = creator.signingRequest(spec);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(request.encoded());

        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.publicKey())))
                .isTrue();
        assertThat(new X500Principal(csr.getSubject().getEncoded()))
                .isEqualTo(spec.subject().principal());
        assertThat(request.subject()).isEqualTo(spec.subject().principal());
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded())
                .isEqualTo(request.publicKey().getEncoded());
        assertThat(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest))
                .hasSize(1);
        Extensions ext = csr.getRequestedExtensions();
        GeneralName[] names = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName)
                .getNames();
        assertThat(names).hasSize(3);
        assertThat(names[0].getTagNo()).isEqualTo(GeneralName.dNSName);
        assertThat(names[0].getName().toString()).isEqualTo("mail.example.com");
        assertThat(names[1].getName().toString()).isEqualTo("smtp.example.com");
        assertThat(names[2].getTagNo()).isEqualTo(GeneralName.iPAddress);
        assertThat(ExtendedKeyUsage.fromExtensions(ext).hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth))
                .isTrue();
        assertThat(BasicConstraints.fromExtensions(ext).isCA()).isFalse();
        assertThat(request.pem()).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n");
    }

    @Test
    void aCaSignsServerCertificatesThroughAnIntermediate() throws Exception {
        IssuedCertificate root = creator.selfSigned(CertificateSpec.builder()
                .keyType(KeyType.EC_P384)
                .commonName("Example Root CA")
                .certificateAuthority(true)
                .days(3650)
                .build());
        IssuedCertificate intermediate = creator.signedBy(
                CertificateSpec.builder()
                        .keyType(KeyType.EC_P256)
                        .commonName("Example Issuing CA")
                        .certificateAuthority(true)
                        .days(1825)
                        .build(),
                root);
        IssuedCertificate leaf =
                creator.signedBy(seedFields().keyType(KeyType.EC_P256).build(), intermediate);

        assertThat(root.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root.certificate().getSubjectAlternativeNames()).isNull();
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
        leaf.certificate().verify(intermediate.certificate().getPublicKey());
        intermediate.certificate().verify(root.certificate().getPublicKey());
        assertThat(intermediate.certificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(leaf.certificate().getIssuerX500Principal())
                .isEqualTo(intermediate.certificate().getSubjectX500Principal());
        assertThat(leaf.certificate().getExtensionValue("2.5.29.35"))
                .as("authority key identifier")
                .isNotNull();
    }

    @Test
    void aCaMustBeACaHoldItsOwnKeyAndOutliveWhatItSigns() {
        IssuedCertificate server =
                creator.selfSigned(seedFields().keyType(KeyType.EC_P256).build());
        IssuedCertificate root = creator.selfSigned(CertificateSpec.builder()
                .keyType(KeyType.EC_P256)
                .commonName("Root")
                .certificateAuthority(true)
                .days(30)
                .build());
        CertificateSpec leaf = seedFields().keyType(KeyType.EC_P256).days(10).build();

        assertThatThrownBy(() -> creator.signedBy(leaf, server))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a CA certificate");
        assertThatThrownBy(() -> creator.signedBy(leaf, IssuedCertificate.of(server.privateKey(), root.chain())))
                .hasMessageContaining("private key does not belong to the CA certificate");
        assertThatThrownBy(() -> creator.signedBy(
                        seedFields().keyType(KeyType.EC_P256).days(31).build(), root))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("days"))
                .hasMessageContaining("outlast the CA certificate");
    }

    @Test
    void allKeySizesOfTheSeedAreOffered() {
        assertThat(KeyType.of("RSA", 3072)).isEqualTo(KeyType.RSA_3072);
        assertThat(KeyType.of("rsa", 4096).bits()).isEqualTo(4096);
        assertThat(KeyType.of("EC", 256)).isEqualTo(KeyType.EC_P256);
    }
}
