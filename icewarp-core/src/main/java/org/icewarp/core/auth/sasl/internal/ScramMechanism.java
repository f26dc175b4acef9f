package org.icewarp.core.auth.sasl.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;

/**
 * {@code SCRAM-SHA-1} and {@code SCRAM-SHA-256} (RFC 5802, RFC 7677), without channel binding: the {@code -PLUS}
 * variants are not offered, so a client's {@code n} and {@code y} flags are accepted and {@code p=} is refused.
 */
abstract class ScramMechanism implements SaslMechanism {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramAlgorithm algorithm;
    private final Supplier<String> nonces;
    private final byte[] fakeSaltKey;

    ScramMechanism(ScramAlgorithm algorithm, Supplier<String> nonces) {
        this.algorithm = algorithm;
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.fakeSaltKey = new byte[32];
        RANDOM.nextBytes(fakeSaltKey);
    }

    /** 18 random bytes, 24 printable characters without a comma. */
    static String randomNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public final String name() {
        return algorithm.mechanism();
    }

    @Override
    public final boolean plaintextEquivalent() {
        return false;
    }

    @Override
    public final SaslExchange newExchange(SaslContext context) {
        return new ScramExchange(context, algorithm, nonces.get(), fakeSaltKey);
    }
}
