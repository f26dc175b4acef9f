package org.icewarp.core.auth.sasl;

import java.util.Objects;

/**
 * A {@link TokenVerifier}'s answer. A verifier that cannot reach its authorization server completes its stage
 * exceptionally instead (a temporary failure for the client).
 */
public sealed interface TokenVerdict permits TokenVerdict.Valid, TokenVerdict.Invalid {

    /**
     * The token is valid, unexpired, has the scope mail needs and belongs to the user.
     *
     * @param account the canonical account name the token's subject maps to
     */
    record Valid(String account) implements TokenVerdict {
        /** @throws NullPointerException if {@code account} is null */
        public Valid {
            Objects.requireNonNull(account, "account");
        }
    }

    /**
     * The token is refused. The fields become the RFC 7628 section 3.2.2 error JSON the client receives.
     *
     * @param status an RFC 6750 error code, usually {@code invalid_token} or {@code insufficient_scope}
     * @param scope the scope the client should request, or an empty string
     * @param openidConfiguration the URL of the OpenID discovery document, or an empty string
     */
    record Invalid(String status, String scope, String openidConfiguration) implements TokenVerdict {
        /** @throws NullPointerException if a component is null */
        public Invalid {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(openidConfiguration, "openidConfiguration");
        }

        /**
         * Returns the common refusal.
         *
         * @return {@code invalid_token} without scope or discovery URL
         */
        public static Invalid invalidToken() {
            return new Invalid("invalid_token", "", "");
        }
    }
}
