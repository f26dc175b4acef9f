package org.icewarp.core.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.icewarp.core.auth.sasl.internal.SaslPrep;
import org.icewarp.core.auth.sasl.internal.ScramAlgorithm;

/**
 * What a server stores for SCRAM (RFC 5802 section 3): the salt, the iteration count, {@code StoredKey} and
 * {@code ServerKey}. They allow verifying a client without knowing its password, but {@code ServerKey} lets its holder
 * impersonate the server, so they are still secret; {@link #toString()} shows neither key nor salt.
 *
 * @param account the canonical account name the credentials belong to; it becomes the authentication identity
 * @param salt the salt; copied
 * @param iterations the PBKDF2 iteration count (at least 4096 per RFC 7677 for new credentials; at least 1 accepted)
 * @param storedKey {@code H(ClientKey)}; copied
 * @param serverKey {@code HMAC(SaltedPassword, "Server Key")}; copied
 */
public record ScramCredentials(String account, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {

    /**
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the salt is empty, iterations are below 1, or the keys differ in length
     */
    public ScramCredentials {
        Objects.requireNonNull(account, "account");
        salt = Objects.requireNonNull(salt, "salt").clone();
        storedKey = Objects.requireNonNull(storedKey, "storedKey").clone();
        serverKey = Objects.requireNonNull(serverKey, "serverKey").clone();
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt: must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations: must be at least 1, was " + iterations);
        }
        if (storedKey.length == 0 || storedKey.length != serverKey.length) {
            throw new IllegalArgumentException("storedKey/serverKey: must be non-empty digests of equal length");
        }
    }

    /** @return a copy of the salt */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** @return a copy of StoredKey */
    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    /** @return a copy of ServerKey */
    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /**
     * Computes the credentials from a password (RFC 5802 section 3): the password is SASLprep'ed (RFC 4013) and
     * salted with PBKDF2 ({@code Hi}).
     *
     * @param mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}
     * @param account the canonical account name
     * @param password the clear password
     * @param salt a random salt (16 bytes or more for new credentials)
     * @param iterations the iteration count
     * @return the credentials
     * @throws IllegalArgumentException for an unknown mechanism or a password SASLprep prohibits
     */
    public static ScramCredentials derive(
            String mechanism, String account, String password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        ScramAlgorithm algorithm = ScramAlgorithm.of(Objects.requireNonNull(mechanism, "mechanism"));
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations: must be at least 1, was " + iterations);
        }
        byte[] salted = algorithm.hi(SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] storedKey = algorithm.digest(algorithm.hmac(salted, "Client Key"));
        byte[] serverKey = algorithm.hmac(salted, "Server Key");
        return new ScramCredentials(account, salt, iterations, storedKey, serverKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials c
                && account.equals(c.account)
                && iterations == c.iterations
                && MessageDigest.isEqual(salt, c.salt)
                && MessageDigest.isEqual(storedKey, c.storedKey)
                && MessageDigest.isEqual(serverKey, c.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, iterations, salt.length, storedKey.length);
    }

    @Override
    public String toString() {
        return "ScramCredentials[account=" + account + ", iterations=" + iterations + ", keys=<redacted>]";
    }
}
