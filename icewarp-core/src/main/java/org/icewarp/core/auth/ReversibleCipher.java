package org.icewarp.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts reversible secrets with AES-GCM under the server key: {@code $aes-gcm$k=<key id>$<iv>$<ciphertext+tag>}
 * (base64 without padding). The key id (first 4 bytes of SHA-256 of the key, hex) tells a record written under another
 * key apart from a damaged one. The account's address is the associated data, so a record copied to another account
 * does not decrypt.
 */
final class ReversibleCipher {
    static final String SCHEME = "reversible";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random;

    ReversibleCipher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            this.keyId = HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String encrypt(String secret, String account) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            byte[] out = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder e = Base64.getEncoder().withoutPadding();
            return "$aes-gcm$k=" + keyId + "$" + e.encodeToString(iv) + "$" + e.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The secret, or empty when the record is damaged, foreign or under another key. */
    Optional<String> decrypt(String value, String account) {
        String[] p = value.split("\\$", -1);
        if (p.length != 5 || !p[0].isEmpty() || !"aes-gcm".equals(p[1]) || !("k=" + keyId).equals(p[2])) {
            return Optional.empty();
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, d.decode(p[3])));
            c.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(c.doFinal(d.decode(p[4])), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a record was written under this key. */
    boolean isCurrent(String value) {
        return value.startsWith("$aes-gcm$k=" + keyId + "$");
    }
}
