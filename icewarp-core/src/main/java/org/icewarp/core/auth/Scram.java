package org.icewarp.core.auth;

import java.util.Optional;
import org.icewarp.core.auth.sasl.ScramCredentials;

/**
 * Derives the SCRAM keys (RFC 5802 §3) stored for a password, with the same derivation the SASL mechanisms verify
 * against ({@link ScramCredentials#derive}: SASLprep, then {@code Hi}), so what is stored and what a client proves
 * cannot drift apart.
 */
final class Scram {
    static final String SHA_1 = "SCRAM-SHA-1";
    static final String SHA_256 = "SCRAM-SHA-256";

    private Scram() {}

    /**
     * The keys for {@code password}, or empty when SASLprep prohibits a character of it: no conforming SCRAM client
     * can prove such a password, so no keys are stored for it (the password hash still is).
     */
    static Optional<ScramKeys> derive(String mechanism, String password, byte[] salt, int iterations) {
        ScramCredentials c;
        try {
            c = ScramCredentials.derive(mechanism, "", password, salt, iterations);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new ScramKeys(mechanism, c.salt(), c.iterations(), c.storedKey(), c.serverKey()));
    }
}
