package org.icewarp.core.auth;

import java.util.Objects;
import org.icewarp.core.auth.sasl.TokenKind;

/**
 * What a client offers to prove who it is: a clear {@link Password} (PLAIN, LOGIN, USER/PASS, and what other
 * mechanisms reduce to); a {@link Check} a mechanism runs itself against the account's stored records (SCRAM proofs,
 * CRAM-MD5 digests); a bearer {@link Token} the authenticator's {@link org.icewarp.core.auth.sasl.TokenVerifier}
 * checks; or an identity a trusted third party already {@link Vouched} for (a Kerberos ticket the GSSAPI exchange
 * accepted). {@link #toString()} never shows a secret.
 */
public sealed interface Evidence permits Evidence.Password, Evidence.Check, Evidence.Token, Evidence.Vouched {

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

    /**
     * An OAuth 2.0 bearer token (OAUTHBEARER, XOAUTH2). The authenticator hands it to its token verifier first; the
     * login of the attempt is then the verified token's subject (or, when the token is refused, the {@link
     * AuthRequest#login()} the client claimed), so the login policy and the log see a name either way.
     *
     * @param token the token; a secret, never logged
     * @param kind the mechanism that carried it
     * @param claimedUser the user the client named ({@code a=} of OAUTHBEARER, {@code user=} of XOAUTH2), or empty
     */
    record Token(String token, TokenKind kind, String claimedUser) implements Evidence {
        /** Validates. */
        public Token {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(claimedUser, "claimedUser");
        }

        @Override
        public String toString() {
            return "Token[" + kind + ", ***]";
        }
    }

    /**
     * The login's identity is already proven by an authority the server trusts (a Kerberos KDC through a GSSAPI
     * exchange, a verified bearer token). The authenticator accepts it for an existing, enabled account, local or
     * directory-owned, without asking the backend chain; the login policy (blocked account or IP) and the log apply as
     * for any login. Only protocol code that has itself verified the proof may build one.
     *
     * @param authority what vouched, for diagnostics ({@code kerberos}, {@code bearer token})
     */
    record Vouched(String authority) implements Evidence {
        /** Validates. */
        public Vouched {
            Objects.requireNonNull(authority, "authority");
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
