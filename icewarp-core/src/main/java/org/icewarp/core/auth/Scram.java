package org.icewarp.core.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Derives SCRAM keys (RFC 5802 §3) from a password. */
final class Scram {
    static final String SHA_1 = "SCRAM-SHA-1";
    static final String SHA_256 = "SCRAM-SHA-256";

    private Scram() {}

    static ScramKeys derive(String mechanism, String password, byte[] salt, int iterations) {
        boolean sha1 = SHA_1.equals(mechanism);
        String hmac = sha1 ? "HmacSHA1" : "HmacSHA256";
        int len = sha1 ? 20 : 32;
        byte[] salted = PasswordHash.pbkdf2(
                sha1 ? "PBKDF2WithHmacSHA1" : "PBKDF2WithHmacSHA256", prepare(password), salt, iterations, len);
        try {
            byte[] clientKey = hmac(hmac, salted, "Client Key");
            byte[] storedKey =
                    MessageDigest.getInstance(sha1 ? "SHA-1" : "SHA-256").digest(clientKey);
            byte[] serverKey = hmac(hmac, salted, "Server Key");
            return new ScramKeys(mechanism, salt, iterations, storedKey, serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mechanism + " primitives missing from this JDK", e);
        }
    }

    private static byte[] hmac(String algorithm, byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * An approximation of SASLprep (RFC 4013) good for passwords: non-ASCII spaces become a space, characters
     * "commonly mapped to nothing" are dropped, and the result is NFKC-normalised. Unassigned code points and
     * prohibited characters are left alone rather than rejected, since a stored password must stay usable.
     */
    static String prepare(String password) {
        StringBuilder sb = new StringBuilder(password.length());
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c == '\u00AD'
                    || c == '\u034F'
                    || c == '\u1806'
                    || (c >= '\u180B' && c <= '\u180D')
                    || c == '\u200B'
                    || c == '\u200C'
                    || c == '\u200D'
                    || c == '\u2060'
                    || (c >= '\uFE00' && c <= '\uFE0F')
                    || c == '\uFEFF') {
                continue; // RFC 3454 table B.1
            }
            sb.append(c != ' ' && Character.isSpaceChar(c) ? ' ' : c); // table C.1.2
        }
        return Normalizer.normalize(sb, Normalizer.Form.NFKC);
    }
}
