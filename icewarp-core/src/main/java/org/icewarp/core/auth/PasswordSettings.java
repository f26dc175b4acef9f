package org.icewarp.core.auth;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * How passwords and the records derived from them are stored. Immutable; build with {@link #builder()}.
 *
 * <table>
 *   <caption>Options (configuration keys under {@code system.auth.password})</caption>
 *   <tr><th>option</th><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>algorithm</td><td>{@code algorithm}</td><td>{@code argon2id}</td><td>the hash new passwords get</td></tr>
 *   <tr><td>argon2MemoryKib</td><td>{@code argon2.memory-kib}</td><td>19456 (19 MiB)</td><td>Argon2id memory</td></tr>
 *   <tr><td>argon2Iterations</td><td>{@code argon2.iterations}</td><td>2</td><td>Argon2id passes</td></tr>
 *   <tr><td>argon2Parallelism</td><td>{@code argon2.parallelism}</td><td>1</td><td>Argon2id lanes</td></tr>
 *   <tr><td>pbkdf2Iterations</td><td>{@code pbkdf2.iterations}</td><td>100000</td><td>PBKDF2 iterations</td></tr>
 *   <tr><td>scramIterations</td><td>{@code scram.iterations}</td><td>4096</td><td>SCRAM key iterations (RFC
 *       7677's minimum); 0 stores no SCRAM keys</td></tr>
 *   <tr><td>storeReversible</td><td>{@code reversible.enabled}</td><td>false</td><td>also store the password
 *       encrypted (AES-GCM) for CRAM-MD5, DIGEST-MD5 and NTLM: a risk, since whoever has the key and the store has
 *       every password</td></tr>
 *   <tr><td>reversibleKey</td><td>{@code reversible.key}</td><td>none</td><td>the AES key, base64 of 16 or 32
 *       bytes; required when storeReversible is on</td></tr>
 * </table>
 *
 * <p>The defaults cost about 40–70 ms per verification on one core of a current server (see
 * {@code benchmarks/README.md}): slow enough to make guessing expensive, fast enough for a login burst.
 */
public final class PasswordSettings {
    private final PasswordAlgorithm algorithm;
    private final int argon2MemoryKib;
    private final int argon2Iterations;
    private final int argon2Parallelism;
    private final int pbkdf2Iterations;
    private final int scramIterations;
    private final boolean storeReversible;
    private final byte[] reversibleKey;

    private PasswordSettings(Builder b) {
        this.algorithm = b.algorithm;
        this.argon2MemoryKib = b.argon2MemoryKib;
        this.argon2Iterations = b.argon2Iterations;
        this.argon2Parallelism = b.argon2Parallelism;
        this.pbkdf2Iterations = b.pbkdf2Iterations;
        this.scramIterations = b.scramIterations;
        this.storeReversible = b.storeReversible;
        this.reversibleKey = b.reversibleKey.clone();
    }

    /** The defaults. */
    public static PasswordSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.algorithm = algorithm;
        b.argon2MemoryKib = argon2MemoryKib;
        b.argon2Iterations = argon2Iterations;
        b.argon2Parallelism = argon2Parallelism;
        b.pbkdf2Iterations = pbkdf2Iterations;
        b.scramIterations = scramIterations;
        b.storeReversible = storeReversible;
        b.reversibleKey = reversibleKey.clone();
        return b;
    }

    /** The hash new passwords get. */
    public PasswordAlgorithm algorithm() {
        return algorithm;
    }

    /** Argon2id memory in KiB. */
    public int argon2MemoryKib() {
        return argon2MemoryKib;
    }

    /** Argon2id passes over memory. */
    public int argon2Iterations() {
        return argon2Iterations;
    }

    /** Argon2id lanes. */
    public int argon2Parallelism() {
        return argon2Parallelism;
    }

    /** PBKDF2-HMAC-SHA-256 iterations. */
    public int pbkdf2Iterations() {
        return pbkdf2Iterations;
    }

    /** SCRAM iterations; 0 when no SCRAM keys are stored. */
    public int scramIterations() {
        return scramIterations;
    }

    /** Whether a reversible (encrypted) copy of the password is stored. */
    public boolean storeReversible() {
        return storeReversible;
    }

    /** A copy of the AES key of reversible secrets; empty when none is set. */
    public byte[] reversibleKey() {
        return reversibleKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordSettings p
                && algorithm == p.algorithm
                && argon2MemoryKib == p.argon2MemoryKib
                && argon2Iterations == p.argon2Iterations
                && argon2Parallelism == p.argon2Parallelism
                && pbkdf2Iterations == p.pbkdf2Iterations
                && scramIterations == p.scramIterations
                && storeReversible == p.storeReversible
                && Arrays.equals(reversibleKey, p.reversibleKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, argon2MemoryKib, argon2Iterations, argon2Parallelism, pbkdf2Iterations);
    }

    @Override
    public String toString() {
        return "PasswordSettings[" + algorithm.id() + ", m=" + argon2MemoryKib + ", t=" + argon2Iterations + ", p="
                + argon2Parallelism + ", pbkdf2=" + pbkdf2Iterations + ", scram=" + scramIterations
                + ", reversible=" + storeReversible + "]";
    }

    /** Builds {@link PasswordSettings}; each setter validates at once and names the option. */
    public static final class Builder {
        private PasswordAlgorithm algorithm = PasswordAlgorithm.ARGON2ID;
        private int argon2MemoryKib = 19_456;
        private int argon2Iterations = 2;
        private int argon2Parallelism = 1;
        private int pbkdf2Iterations = 100_000;
        private int scramIterations = 4096;
        private boolean storeReversible;
        private byte[] reversibleKey = new byte[0];

        private Builder() {}

        /** The hash new passwords get; default Argon2id. */
        public Builder algorithm(PasswordAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** Argon2id memory in KiB, 8 × parallelism to 4 GiB; default 19456. */
        public Builder argon2MemoryKib(int kib) {
            if (kib < 8 || kib > 4 * 1024 * 1024) {
                throw new IllegalArgumentException("argon2MemoryKib must be 8 to 4194304, was " + kib);
            }
            this.argon2MemoryKib = kib;
            return this;
        }

        /** Argon2id passes, 1 to 100; default 2. */
        public Builder argon2Iterations(int t) {
            if (t < 1 || t > 100) {
                throw new IllegalArgumentException("argon2Iterations must be 1 to 100, was " + t);
            }
            this.argon2Iterations = t;
            return this;
        }

        /** Argon2id lanes, 1 to 64; default 1. */
        public Builder argon2Parallelism(int p) {
            if (p < 1 || p > 64) {
                throw new IllegalArgumentException("argon2Parallelism must be 1 to 64, was " + p);
            }
            this.argon2Parallelism = p;
            return this;
        }

        /** PBKDF2 iterations, 1000 to 10,000,000; default 100,000. */
        public Builder pbkdf2Iterations(int i) {
            if (i < 1000 || i > 10_000_000) {
                throw new IllegalArgumentException("pbkdf2Iterations must be 1000 to 10000000, was " + i);
            }
            this.pbkdf2Iterations = i;
            return this;
        }

        /** SCRAM iterations, 0 (no SCRAM keys) or 1 to 10,000,000; default 4096. */
        public Builder scramIterations(int i) {
            if (i < 0 || i > 10_000_000) {
                throw new IllegalArgumentException("scramIterations must be 0 to 10000000, was " + i);
            }
            this.scramIterations = i;
            return this;
        }

        /** Stores an AES-GCM encrypted copy of each password; default off. Needs {@link #reversibleKey}. */
        public Builder storeReversible(boolean on) {
            this.storeReversible = on;
            return this;
        }

        /** The AES key of reversible secrets: 16 or 32 bytes. */
        public Builder reversibleKey(byte[] key) {
            Objects.requireNonNull(key, "reversibleKey");
            if (key.length != 16 && key.length != 32) {
                throw new IllegalArgumentException("reversibleKey must be 16 or 32 bytes, was " + key.length);
            }
            this.reversibleKey = key.clone();
            return this;
        }

        /** The AES key of reversible secrets as base64 of 16 or 32 bytes. */
        public Builder reversibleKey(String base64) {
            Objects.requireNonNull(base64, "reversibleKey");
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("reversibleKey is not base64");
            }
            return reversibleKey(key);
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException when storeReversible is on without a key, or Argon2 memory is below 8 ×
         *     parallelism
         */
        public PasswordSettings build() {
            if (storeReversible && reversibleKey.length == 0) {
                throw new IllegalArgumentException("storeReversible needs a reversibleKey (16 or 32 bytes, base64)");
            }
            if (argon2MemoryKib < 8 * argon2Parallelism) {
                throw new IllegalArgumentException("argon2MemoryKib must be at least 8 x argon2Parallelism ("
                        + 8 * argon2Parallelism + "), was " + argon2MemoryKib);
            }
            return new PasswordSettings(this);
        }
    }
}
