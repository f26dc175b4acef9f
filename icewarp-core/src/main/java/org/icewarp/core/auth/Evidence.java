package org.icewarp.core.auth;

import java.util.Objects;

/**
 * What a client offers to prove who it is. Either a clear {@link Password} (PLAIN, LOGIN, USER/PASS, and what other
 * mechanisms reduce to), or a {@link Check} a mechanism runs itself against the account's stored records (SCRAM
 * proofs, CRAM-MD5 digests, a verified token). {@link #toString()} never shows a secret.
 */
public sealed interface Evidence permits Evidence.Password, Evidence.Check {

    /** A clear password. */
    static Evidence password(String password) {
        return new Password(password);
    }

    /**
     * A clear password.
     *
     * @param value the password; never logged
     */
    record Password(String value) implements Evidence {
        /** Validates. */
        public Password {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /**
     * A check the mechanism runs on the account's records. It runs on the authentication executor (it may be slow)
     * only for accounts the local store authenticates; directory-owned accounts have no such records and fail it.
     *
     * @param description what is checked, for diagnostics (never a secret)
     * @param check answers whether the records prove the client's claim
     */
    record Check(String description, CredentialCheck check) implements Evidence {
        /** Validates. */
        public Check {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(check, "check");
        }

        @Override
        public String toString() {
            return "Check[" + description + "]";
        }
    }

    /** A mechanism's own verification against stored records. */
    @FunctionalInterface
    interface CredentialCheck {
        /**
         * Whether the client's proof matches. Must compare secrets in constant time ({@link
         * java.security.MessageDigest#isEqual}).
         *
         * @param stored the account's records
         */
        boolean verify(StoredCredentials stored);
    }
}
