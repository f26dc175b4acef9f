package org.icewarp.core.auth;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What a server keeps for SCRAM (RFC 5802 §3): {@code StoredKey = H(HMAC(SaltedPassword, "Client Key"))} and
 * {@code ServerKey = HMAC(SaltedPassword, "Server Key")}, with {@code SaltedPassword = Hi(password, salt, iterations)}.
 * Neither key lets anyone log in with another mechanism.
 *
 * <p>Stored as a credential record of scheme {@code scram-sha-1} or {@code scram-sha-256} whose value is RFC 5803's
 * form: {@code <iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 *
 * @param mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}
 * @param salt the salt
 * @param iterations the iteration count
 * @param storedKey StoredKey
 * @param serverKey ServerKey
 */
public record ScramKeys(String mechanism, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    /** Validates and copies. */
    public ScramKeys {
        Objects.requireNonNull(mechanism, "mechanism");
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** The credential scheme of a SCRAM mechanism name ({@code SCRAM-SHA-256} → {@code scram-sha-256}). */
    static String scheme(String mechanism) {
        return mechanism.toLowerCase(java.util.Locale.ROOT);
    }

    /** RFC 5803's value form. */
    String encode() {
        Base64.Encoder e = Base64.getEncoder();
        return iterations + ":" + e.encodeToString(salt) + "$" + e.encodeToString(storedKey) + ":"
                + e.encodeToString(serverKey);
    }

    /** Parses RFC 5803's value form; empty when damaged. */
    static Optional<ScramKeys> parse(String mechanism, String value) {
        try {
            int dollar = value.indexOf('$');
            String[] a = value.substring(0, dollar).split(":", -1);
            String[] b = value.substring(dollar + 1).split(":", -1);
            if (a.length != 2 || b.length != 2) {
                return Optional.empty();
            }
            Base64.Decoder d = Base64.getDecoder();
            return Optional.of(
                    new ScramKeys(mechanism, d.decode(a[1]), Integer.parseInt(a[0]), d.decode(b[0]), d.decode(b[1])));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramKeys k
                && mechanism.equals(k.mechanism)
                && iterations == k.iterations
                && java.util.Arrays.equals(salt, k.salt)
                && java.util.Arrays.equals(storedKey, k.storedKey)
                && java.util.Arrays.equals(serverKey, k.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mechanism, iterations, java.util.Arrays.hashCode(salt));
    }

    @Override
    public String toString() {
        return "ScramKeys[" + mechanism + ", i=" + iterations + ", ***]";
    }
}
