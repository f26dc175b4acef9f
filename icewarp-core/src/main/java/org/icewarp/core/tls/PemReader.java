package org.icewarp.core.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.icewarp.core.tls.CertificateFileException.Problem;

/**
 * Reads PEM files with Bouncy Castle's {@link PEMParser}: private keys in PKCS#1 ({@code RSA PRIVATE KEY}, {@code EC
 * PRIVATE KEY}) and PKCS#8 ({@code PRIVATE KEY}), and X.509 certificates, in any order. Everything else (an {@code EC
 * PARAMETERS} block excepted) is refused by name.
 */
final class PemReader {
    /** No certificate file is this large; a bigger one is a mistake (a log, a disk image) or an attack. */
    static final int MAX_BYTES = 1 << 20;

    private PemReader() {}

    /** What one file holds. */
    record Contents(Path file, List<PrivateKey> keys, List<X509Certificate> certificates) {}

    static Contents read(Path file) {
        String text = readText(file);
        List<PrivateKey> keys = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
        int blocks = 0;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o; (o = parser.readObject()) != null; ) {
                blocks++;
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new CertificateFileException(
                            file,
                            Problem.PASSPHRASE_PROTECTED,
                            "the private key is protected by a passphrase; server keys must not have one (remove it"
                                    + " with: openssl pkey -in " + file.getFileName() + " -out key.pem)",
                            null);
                } else if (o instanceof PEMKeyPair pair) {
                    // the private half only: a traditional EC key may omit its public key
                    keys.add(keyConverter.getPrivateKey(pair.getPrivateKeyInfo()));
                } else if (o instanceof PrivateKeyInfo info) {
                    keys.add(keyConverter.getPrivateKey(info));
                } else if (o instanceof X509CertificateHolder holder) {
                    certificates.add(certificateConverter.getCertificate(holder));
                } else if (!(o instanceof ASN1ObjectIdentifier)) {
                    // ASN1ObjectIdentifier: an "EC PARAMETERS" block as openssl ecparam writes it, harmless
                    throw new CertificateFileException(
                            file,
                            Problem.UNSUPPORTED,
                            "holds a " + o.getClass().getSimpleName()
                                    + " block; expected private keys and certificates only",
                            null);
                }
            }
        } catch (CertificateFileException e) {
            throw e;
        } catch (IOException | CertificateException | RuntimeException e) {
            // PEMException for a bad key structure, DecoderException (a RuntimeException) for bad Base64
            throw new CertificateFileException(
                    file, Problem.CORRUPT, "is corrupt: " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
        if (blocks == 0) {
            throw new CertificateFileException(
                    file, Problem.CORRUPT, "is corrupt: it holds no PEM block (-----BEGIN ...-----)", null);
        }
        return new Contents(file, List.copyOf(keys), List.copyOf(certificates));
    }

    private static String readText(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CertificateFileException(
                        file, Problem.UNSUPPORTED, "is larger than " + MAX_BYTES + " bytes; not a PEM file", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CertificateFileException(file, Problem.UNREADABLE, "does not exist", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new CertificateFileException(file, Problem.UNREADABLE, "cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new CertificateFileException(file, Problem.UNREADABLE, "cannot be read: " + e, e);
        }
        // PEM is ASCII; anything else decodes to replacement characters and fails as corrupt
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
