package org.icewarp.core.tls.destinations;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint: the SHA-256 (or, for compatibility with older configurations, SHA-1) digest of the
 * certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} prints it.
 *
 * <p>{@link #parse(String)} accepts hex digits in either case, with or without colons between them, optionally after
 * {@code SHA256:}, {@code SHA-256:}, {@code SHA1:} or {@code SHA-1:}; the number of digits tells the algorithm
 * apart (64 for SHA-256, 40 for SHA-1).
 *
 * @param algorithm the digest algorithm
 * @param hex the digest as lower-case hex digits without separators
 */
public record Fingerprint(Algorithm algorithm, String hex) {
    private static final HexFormat HEX = HexFormat.of();

    /** The digest algorithms a fingerprint may use. */
    public enum Algorithm {
        /** SHA-256: 32 bytes, 64 hex digits. */
        SHA_256("SHA-256", 32),
        /** SHA-1: 20 bytes, 40 hex digits; only for configurations that already pin SHA-1 fingerprints. */
        SHA_1("SHA-1", 20);

        private final String jcaName;
        private final int bytes;

        Algorithm(String jcaName, int bytes) {
            this.jcaName = jcaName;
            this.bytes = bytes;
        }

        /**
         * Returns the JCA name.
         *
         * @return {@code SHA-256} or {@code SHA-1}
         */
        public String jcaName() {
            return jcaName;
        }
    }

    /**
     * Checks the digest's length.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code hex} is not the algorithm's number of lower-case hex digits
     */
    public Fingerprint {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != algorithm.bytes * 2 || !hex.matches("[0-9a-f]*")) {
            throw new IllegalArgumentException(
                    "fingerprint: " + algorithm.jcaName + " needs " + algorithm.bytes * 2 + " hex digits");
        }
    }

    /**
     * Parses a fingerprint.
     *
     * @param text for example {@code 3A:0F:...} or {@code 3a0f...}; must not be null
     * @return the fingerprint; never null
     * @throws IllegalArgumentException if it is not 40 or 64 hex digits (after removing colons and a prefix)
     */
    public static Fingerprint parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        Algorithm forced = null;
        String upper = t.toUpperCase(Locale.ROOT);
        for (String prefix : new String[] {"SHA256:", "SHA-256:", "SHA1:", "SHA-1:"}) {
            if (upper.startsWith(prefix)) {
                forced = prefix.contains("256") ? Algorithm.SHA_256 : Algorithm.SHA_1;
                t = t.substring(prefix.length());
                break;
            }
        }
        String digits = t.replace(":", "").toLowerCase(Locale.ROOT);
        if (!digits.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("fingerprint '" + text + "': not hex digits (with or without colons)");
        }
        Algorithm a = digits.length() == 64 ? Algorithm.SHA_256 : digits.length() == 40 ? Algorithm.SHA_1 : null;
        if (a == null || (forced != null && forced != a)) {
            throw new IllegalArgumentException("fingerprint '" + text + "': " + digits.length()
                    + " hex digits, expected 64 (SHA-256) or 40 (SHA-1)");
        }
        return new Fingerprint(a, digits);
    }

    /**
     * Computes a certificate's fingerprint.
     *
     * @param certificate the certificate; must not be null
     * @param algorithm the digest; must not be null
     * @return the fingerprint; never null
     * @throws IllegalArgumentException if the certificate cannot be encoded
     */
    public static Fingerprint of(X509Certificate certificate, Algorithm algorithm) {
        return new Fingerprint(algorithm, HEX.formatHex(digest(certificate, algorithm)));
    }

    /**
     * Decides whether a certificate has this fingerprint (compared in constant time).
     *
     * @param certificate the certificate; must not be null
     * @return whether its digest equals this one
     */
    public boolean matches(X509Certificate certificate) {
        return MessageDigest.isEqual(HEX.parseHex(hex), digest(certificate, algorithm));
    }

    /**
     * The form {@link #parse(String)} reads and openssl prints: upper-case hex pairs separated by colons.
     *
     * @return for example {@code 3A:0F:...}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static byte[] digest(X509Certificate certificate, Algorithm algorithm) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return MessageDigest.getInstance(algorithm.jcaName).digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName + " is not available", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }
}
