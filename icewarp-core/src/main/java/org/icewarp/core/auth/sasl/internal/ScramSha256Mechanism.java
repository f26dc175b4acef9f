package org.icewarp.core.auth.sasl.internal;

import java.util.function.Supplier;

/** {@code SCRAM-SHA-256} (RFC 7677). */
public final class ScramSha256Mechanism extends ScramMechanism {

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public ScramSha256Mechanism() {
        this(ScramMechanism::randomNonce);
    }

    /** With fixed server nonces, for the RFC test vectors. */
    ScramSha256Mechanism(Supplier<String> nonces) {
        super(ScramAlgorithm.SHA_256, nonces);
    }
}
