package org.icewarp.core.auth.sasl.internal;

import java.util.function.Supplier;

/** {@code SCRAM-SHA-1} (RFC 5802). */
public final class ScramSha1Mechanism extends ScramMechanism {

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public ScramSha1Mechanism() {
        this(ScramMechanism::randomNonce);
    }

    /** With fixed server nonces, for the RFC test vectors. */
    ScramSha1Mechanism(Supplier<String> nonces) {
        super(ScramAlgorithm.SHA_1, nonces);
    }
}
