package org.icewarp.core.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hash functions of RFC 5802 section 2.2 for one SCRAM mechanism. */
public enum ScramAlgorithm {
    /** {@code SCRAM-SHA-1} (RFC 5802). */
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
    /** {@code SCRAM-SHA-256} (RFC 7677). */
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256");

    private final String mechanism;
    private final String digest;
    private final String hmac;

    ScramAlgorithm(String mechanism, String digest, String hmac) {
        this.mechanism = mechanism;
        this.digest = digest;
        this.hmac = hmac;
    }

    /**
     * Finds the algorithm of a mechanism.
     *
     * @param mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}
     * @return the algorithm
     * @throws IllegalArgumentException for any other name
     */
    public static ScramAlgorithm of(String mechanism) {
        for (ScramAlgorithm a : values()) {
            if (a.mechanism.equals(mechanism)) {
                return a;
            }
        }
        throw new IllegalArgumentException("mechanism: not a SCRAM mechanism: " + mechanism);
    }

    /** @return the SASL mechanism name */
    public String mechanism() {
        return mechanism;
    }

    /** {@code Hi(str, salt, i)}: PBKDF2 with this HMAC and a single block. */
    public byte[] hi(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = mac(password);
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + hmac, e);
        }
    }

    /** {@code HMAC(key, str)}. */
    public byte[] hmac(byte[] key, byte[] data) {
        try {
            return mac(key).doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + hmac, e);
        }
    }

    /** {@code HMAC(key, str)} of an ASCII string. */
    public byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code H(str)}. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + digest, e);
        }
    }

    private Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        // SecretKeySpec refuses an empty key, which SCRAM allows for an empty password; HMAC pads keys with zero
        // bytes to the block size, so one zero byte is the same key.
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hmac));
        return mac;
    }
}
