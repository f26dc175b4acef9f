package org.icewarp.core.tls.create;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain: what {@link CertificateCreator} returns for a self-signed certificate or
 * one signed by a CA, and what a CA is given as when it signs (see {@link #of(PrivateKey, List)}).
 *
 * <p>{@link #pem()} is the seed's merged form, which the server loads as one file: the private key first, then the
 * certificate, then the issuers' certificates up to (not necessarily including) the root. The key is written as
 * unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), since the seed's server certificates cannot have a
 * passphrase.
 *
 * @param privateKey the private key of the first certificate
 * @param chain the certificate first, then its issuers in order; never empty
 */
public record IssuedCertificate(PrivateKey privateKey, List<X509Certificate> chain) {

    /**
     * Checks and copies.
     *
     * @throws NullPointerException if an argument or a certificate is null
     * @throws IllegalArgumentException if the chain is empty
     */
    public IssuedCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: at least the certificate itself is required");
        }
    }

    /**
     * Wraps a key and chain loaded elsewhere, for example a CA to sign with.
     *
     * @param privateKey the key of the first certificate; must not be null
     * @param chain the certificate and its issuers; must not be null or empty
     * @return the pair; never null
     */
    public static IssuedCertificate of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new IssuedCertificate(privateKey, chain);
    }

    /**
     * Returns the certificate itself, the first of the chain.
     *
     * @return the certificate; never null
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Returns the seed's merged PEM: the private key, then the chain.
     *
     * @return PEM text; never null
     */
    public String pem() {
        return privateKeyPem() + certificatePem();
    }

    /**
     * Returns the private key alone as PEM (PKCS#8, unencrypted).
     *
     * @return PEM text; never null
     */
    public String privateKeyPem() {
        return Pem.privateKey(privateKey);
    }

    /**
     * Returns the chain alone as PEM, the certificate first.
     *
     * @return PEM text; never null
     */
    public String certificatePem() {
        return Pem.certificates(chain);
    }

    /**
     * Writes the merged form ({@link #pem()}) to one owner-only file.
     *
     * @param file the target; must not be null
     * @param existing what to do if it exists; must not be null
     * @throws IOException if writing fails, or the file exists and {@code existing} is {@link ExistingFile#FAIL}
     */
    public void writeMerged(Path file, ExistingFile existing) throws IOException {
        PemFiles.writePrivate(file, pem(), existing);
    }

    /**
     * Writes the key and the chain to two files: the key owner-only, the chain readable by all. The key is written
     * first, so that a failure never leaves a certificate without its key.
     *
     * @param certificateFile the chain's file; must not be null
     * @param keyFile the key's file; must not be null and differ from {@code certificateFile}
     * @param existing what to do if a file exists; must not be null
     * @throws IOException if writing fails, or a file exists and {@code existing} is {@link ExistingFile#FAIL}
     */
    public void writeSeparate(Path certificateFile, Path keyFile, ExistingFile existing) throws IOException {
        requireDistinct(certificateFile, keyFile);
        PemFiles.requireAbsent(existing, keyFile, certificateFile);
        PemFiles.writePrivate(keyFile, privateKeyPem(), existing);
        PemFiles.writePublic(certificateFile, certificatePem(), existing);
    }

    static void requireDistinct(Path file, Path keyFile) {
        if (file.toAbsolutePath().normalize().equals(keyFile.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the key file and the certificate file are the same: " + file);
        }
    }

    /** Names the certificate and the size of the chain; never the key. */
    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate().getSubjectX500Principal() + ", chain of " + chain.size() + "]";
    }
}
