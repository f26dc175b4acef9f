package org.icewarp.core.tls.create;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate signing request (PKCS#10, RFC 2986) with its private key: step 1 of the seed's "Getting a Digital
 * Certificate". Send {@link #pem()} (the seed's {@code public.pem}) to the CA; keep {@link #privateKeyPem()} (the
 * seed's {@code private.pem}) and later put the CA's certificate after it to make the server's merged file.
 *
 * <p>The request carries the subject and, as requested extensions, the subject alternative names, the key usage, the
 * extended key usage and basic constraints the certificate should have. Immutable.
 */
public final class SigningRequest {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final X500Principal subject;
    private final byte[] encoded;

    SigningRequest(PrivateKey privateKey, PublicKey publicKey, X500Principal subject, byte[] encoded) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.encoded = encoded.clone();
    }

    /**
     * Returns the private key, which never leaves this server.
     *
     * @return the key; never null
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Returns the public key the request is for.
     *
     * @return the key; never null
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Returns the requested subject.
     *
     * @return the subject; never null
     */
    public X500Principal subject() {
        return subject;
    }

    /**
     * Returns the DER encoding of the request.
     *
     * @return a copy of the bytes; never null
     */
    public byte[] encoded() {
        return encoded.clone();
    }

    /**
     * Returns the request as PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}, the RFC 7468 label; the seed's
     * {@code NEW CERTIFICATE REQUEST} is the older name for the same thing).
     *
     * @return PEM text; never null
     */
    public String pem() {
        return Pem.block("CERTIFICATE REQUEST", encoded);
    }

    /**
     * Returns the private key as PEM (PKCS#8, unencrypted).
     *
     * @return PEM text; never null
     */
    public String privateKeyPem() {
        return Pem.privateKey(privateKey);
    }

    /**
     * Writes the request (readable by all) and the key (owner-only) to two files, the key first.
     *
     * @param requestFile the request's file; must not be null
     * @param keyFile the key's file; must not be null and differ from {@code requestFile}
     * @param existing what to do if a file exists; must not be null
     * @throws IOException if writing fails, or a file exists and {@code existing} is {@link ExistingFile#FAIL}
     */
    public void write(Path requestFile, Path keyFile, ExistingFile existing) throws IOException {
        IssuedCertificate.requireDistinct(requestFile, keyFile);
        PemFiles.requireAbsent(existing, keyFile, requestFile);
        PemFiles.writePrivate(keyFile, privateKeyPem(), existing);
        PemFiles.writePublic(requestFile, pem(), existing);
    }

    /** Names the subject; never the key. */
    @Override
    public String toString() {
        return "SigningRequest[" + subject + "]";
    }
}
