package org.icewarp.core.tls.create;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Creates key pairs with a self-signed certificate, a certificate signed by a CA, or a certificate signing request:
 * the seed's "Create CSR / Server Certificate".
 *
 * <pre>{@code
 * CertificateSpec spec = CertificateSpec.builder()
 *         .commonName("mail.example.com").country("CZ").organization("Example")
 *         .subjectAltName(SubjectAltName.dns("imap.example.com"))
 *         .days(365).build();
 * IssuedCertificate cert = CertificateCreator.create().selfSigned(spec);
 * cert.writeMerged(Path.of("conf/mail.pem"), ExistingFile.FAIL);   // key first, then certificate
 * SigningRequest csr = CertificateCreator.create().signingRequest(spec);
 * csr.write(Path.of("public.pem"), Path.of("private.pem"), ExistingFile.FAIL);
 * }</pre>
 *
 * <p>A certificate is valid from the creator's clock's current second for the specified number of days; its serial
 * number is 127 random bits (positive, RFC 5280 section 4.1.2.2). Keys come from the JDK's providers; Bouncy Castle
 * only builds the structures, and no provider is installed globally. Generating an RSA key takes from milliseconds
 * (2048) to seconds (4096): call these methods off event-loop threads. Instances are immutable and thread-safe.
 */
public final class CertificateCreator {
    private final Clock clock;
    private final SecureRandom random;

    private CertificateCreator(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * Returns a creator that uses the system clock and a new {@link SecureRandom}.
     *
     * @return the creator; never null
     */
    public static CertificateCreator create() {
        return new CertificateCreator(Clock.systemUTC(), new SecureRandom());
    }

    /**
     * Returns a creator whose certificates start at this clock's time, for tests (an expired certificate is one
     * created with a clock in the past).
     *
     * @param clock the clock; must not be null
     * @return the creator; never null
     */
    public static CertificateCreator withClock(Clock clock) {
        return new CertificateCreator(Objects.requireNonNull(clock, "clock"), new SecureRandom());
    }

    /**
     * Generates a key pair and a self-signed certificate for it.
     *
     * @param spec what to create; must not be null
     * @return the key with a chain of one certificate; never null
     */
    public IssuedCertificate selfSigned(CertificateSpec spec) {
        Objects.requireNonNull(spec, "spec");
        KeyPair pair = generate(spec.keyType());
        X509Certificate cert = build(spec, pair, spec.subject().x500Name(), pair.getPrivate(), null);
        return new IssuedCertificate(pair.getPrivate(), List.of(cert));
    }

    /**
     * Generates a key pair and a certificate for it signed by a CA (a root or an intermediate). The chain of the
     * result is the new certificate followed by the CA's chain.
     *
     * @param spec what to create; must not be null
     * @param ca the CA's key and chain; its certificate must be a CA certificate; must not be null
     * @return the key with its chain; never null
     * @throws IllegalArgumentException if the CA certificate is not a CA, or its key does not belong to it
     * @throws InvalidFieldException naming {@code days} if the certificate would be valid after its CA
     */
    public IssuedCertificate signedBy(CertificateSpec spec, IssuedCertificate ca) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(ca, "ca");
        X509Certificate caCert = ca.certificate();
        if (caCert.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(
                    "ca: " + caCert.getSubjectX500Principal() + " is not a CA certificate (basic constraints)");
        }
        Instant notAfter = notBefore().plus(Duration.ofDays(spec.days()));
        if (notAfter.isAfter(caCert.getNotAfter().toInstant())) {
            throw new InvalidFieldException(
                    "days",
                    spec.days() + " days would outlast the CA certificate, which expires "
                            + caCert.getNotAfter().toInstant());
        }
        KeyPair pair = generate(spec.keyType());
        X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
        X509Certificate cert = build(spec, pair, issuer, ca.privateKey(), caCert);
        try {
            cert.verify(caCert.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ca: the private key does not belong to the CA certificate", e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(ca.chain());
        return new IssuedCertificate(pair.getPrivate(), chain);
    }

    /**
     * Generates a key pair and a PKCS#10 signing request for it, signed with the new key. The validity ({@code days})
     * is not part of a request; the CA decides it.
     *
     * @param spec what to request; must not be null
     * @return the request with its private key; never null
     */
    public SigningRequest signingRequest(CertificateSpec spec) {
        Objects.requireNonNull(spec, "spec");
        KeyPair pair = generate(spec.keyType());
        X500Name subject = spec.subject().x500Name();
        try {
            JcaPKCS10CertificationRequestBuilder b =
                    new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic());
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, CertificateExtensions.requested(spec));
            PKCS10CertificationRequest csr = b.build(signer(pair.getPrivate()));
            return new SigningRequest(
                    pair.getPrivate(), pair.getPublic(), new X500Principal(subject.getEncoded()), csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding the signing request failed", e);
        }
    }

    private X509Certificate build(
            CertificateSpec spec, KeyPair pair, X500Name issuer, PrivateKey signingKey, X509Certificate issuerCert) {
        Instant notBefore = notBefore();
        Instant notAfter = notBefore.plus(Duration.ofDays(spec.days()));
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer,
                    serial(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    spec.subject().x500Name(),
                    pair.getPublic());
            Extensions ext = CertificateExtensions.forCertificate(spec, pair.getPublic(), issuerCert);
            for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
                b.addExtension(ext.getExtension(oid));
            }
            X509CertificateHolder holder = b.build(signer(signingKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("building the certificate failed", e);
        }
    }

    private Instant notBefore() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private BigInteger serial() {
        // 127 random bits, plus one: positive, non-zero and at most 16 octets in DER.
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type.algorithm());
            g.initialize(type.parameters(), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + type + " keys", e);
        }
    }

    /** The signature algorithm follows the signing key: SHA-256 for RSA and P-256, SHA-384 for P-384, else SHA-512. */
    static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        if (key.getAlgorithm().equals("RSA")) {
            return "SHA256withRSA";
        }
        throw new IllegalArgumentException("unsupported signing key algorithm " + key.getAlgorithm());
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
        }
    }
}
