package org.icewarp.core.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests, made fresh with Bouncy Castle (no private key is ever checked in): a CA that issues leaf
 * certificates with chosen names and dates, and PEM writing in every shape the server reads.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final KeyPair keys;
    private final X509Certificate certificate;

    /** A key and its chain, leaf first. */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {
        /** The leaf. */
        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** Key and chain in one PEM file, key first (the seed's merged file), PKCS#8 key. */
        public String mergedPem() {
            return pkcs8(key) + certificates(chain);
        }

        /** A key manager presenting this certificate (client certificates). */
        public KeyManagerFactory keyManager() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("key", key, new char[0], chain.toArray(X509Certificate[]::new));
                KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                f.init(ks, new char[0]);
                return f;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestPki(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A self-signed CA with an EC key. */
    public static TestPki ca(String cn) {
        KeyPair k = ec();
        Instant now = Instant.now();
        X509Certificate c = sign(
                "CN=" + cn,
                k,
                "CN=" + cn,
                k.getPrivate(),
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)),
                List.of(),
                true);
        return new TestPki(k, c);
    }

    /** The CA's certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** A leaf with an EC key, valid from yesterday for 30 days, with {@code cn} and the DNS names. */
    public Issued issue(String cn, String... dnsNames) {
        return issue(
                ec(), cn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), dnsNames);
    }

    /** A leaf with the given key and dates. */
    public Issued issue(KeyPair key, String cn, Instant notBefore, Instant notAfter, String... dnsNames) {
        X509Certificate c = sign(
                "CN=" + cn,
                key,
                certificate.getSubjectX500Principal().getName(),
                keys.getPrivate(),
                notBefore,
                notAfter,
                List.of(dnsNames),
                false);
        return new Issued(key.getPrivate(), List.of(c, certificate));
    }

    private static X509Certificate sign(
            String subject,
            KeyPair subjectKeys,
            String issuer,
            PrivateKey issuerKey,
            Instant notBefore,
            Instant notAfter,
            List<String> dnsNames,
            boolean ca) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name(subject),
                    subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!dnsNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String n : dnsNames) {
                    names.add(new GeneralName(GeneralName.dNSName, n));
                }
                b.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** A new EC P-256 key pair. */
    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new RSA 2048 key pair. */
    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). */
    public static String pkcs8(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN RSA PRIVATE KEY-----} or {@code EC PRIVATE KEY} (PKCS#1 / SEC 1, "traditional"). */
    public static String pkcs1(PrivateKey key) {
        if (key instanceof java.security.interfaces.ECPrivateKey ec) {
            // SEC 1 with its curve, as openssl writes it (BC's writer would leave the curve out for a JDK key)
            try {
                var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                        256,
                        ec.getS(),
                        new org.bouncycastle.asn1.x9.X962Parameters(
                                org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1));
                return write(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return write(key);
    }

    /** A passphrase-protected traditional key ({@code Proc-Type: 4,ENCRYPTED}). */
    public static String encryptedPkcs1(PrivateKey key) {
        try {
            return write(new JcaMiscPEMGenerator(
                    key,
                    new JcePEMEncryptorBuilder("AES-128-CBC")
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .build("secret".toCharArray())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A passphrase-protected PKCS#8 key ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}). */
    public static String encryptedPkcs8(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(
                    key,
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .setPassword("secret".toCharArray())
                            .build()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Certificates as PEM. */
    public static String certificates(List<X509Certificate> chain) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(write(c));
        }
        return sb.toString();
    }

    private static String write(Object o) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            if (o instanceof org.bouncycastle.util.io.pem.PemObjectGenerator g) {
                w.writeObject(g);
            } else {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** Writes text to a file (replacing it) and returns the file. */
    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
