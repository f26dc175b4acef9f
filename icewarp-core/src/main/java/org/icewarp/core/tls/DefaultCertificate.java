package org.icewarp.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code [Default]} certificate: self-signed, made with Bouncy Castle on the first start and kept as a PEM file
 * (key first, then the certificate) readable by its owner only. A file that has expired or cannot be read is replaced;
 * one that cannot be written leaves the server with a certificate in memory, made anew at each start.
 */
final class DefaultCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCertificate.class);
    /** Long enough not to bother anyone; nobody trusts a self-signed certificate for its dates anyway. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    static final String FILE_NAME = "default-certificate.pem";

    private DefaultCertificate() {}

    static ServerCertificate loadOrCreate(Path file, Instant now) {
        if (Files.exists(file)) {
            try {
                return ServerCertificate.load(file, now);
            } catch (CertificateFileException e) {
                LOG.warn("{}; making a new self-signed default certificate", e.getMessage());
            }
        }
        ServerCertificate made = generate(now);
        try {
            CaStore.writeAtomically(file, pem(made));
            LOG.info("made a self-signed default certificate for localhost in {}", file);
        } catch (IOException e) {
            LOG.warn("cannot write the default certificate to {} ({}); using one held in memory", file, e.toString());
        }
        return made;
    }

    static ServerCertificate generate(Instant now) {
        try {
            // EC P-256: every TLS 1.2 client supports ECDSA, and the key takes a millisecond to make where RSA 2048
            // takes a noticeable part of a second (an embedded server without a data directory makes one per start)
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            X500Name name = new X500Name("CN=localhost,O=IceWarp default certificate");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)),
                    name,
                    pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")
            }));
            X509Certificate c = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return ServerCertificate.of(pair.getPrivate(), List.of(c));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e, e);
        }
    }

    static byte[] pem(ServerCertificate c) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            // PKCS#8: complete for every key type (a traditional EC key written from a JDK key would lack its curve)
            w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(c.key(), null));
            for (X509Certificate x : c.chain()) {
                w.writeObject(x);
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
