package org.icewarp.core.auth;

import java.util.Objects;
import org.icewarp.storage.Account;

/**
 * The answer to a login attempt: {@link Success}, {@link Failure} or {@link TemporaryFailure}. A blocked account or
 * address, an unknown user and a wrong password all give the same {@code Failure(INVALID_CREDENTIALS)}, so that the
 * answer tells a guesser nothing.
 */
public sealed interface AuthResult permits AuthResult.Success, AuthResult.Failure, AuthResult.TemporaryFailure {

    /** Whether this is a success. */
    default boolean succeeded() {
        return this instanceof Success;
    }

    /**
     * The client is who it claims.
     *
     * @param account the account as it is stored (with upgraded records when they were rewritten)
     */
    record Success(Account account) implements AuthResult {
        /** Validates. */
        public Success {
            Objects.requireNonNull(account, "account");
        }
    }

    /**
     * The attempt failed for good; the protocol answers with its "authentication failed" reply.
     *
     * @param reason why, as far as the client may know
     */
    record Failure(Reason reason) implements AuthResult {
        /** Validates. */
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The attempt could not be decided now (directory or store down, too busy); the protocol answers with a
     * temporary error ({@code 454 4.7.0}, {@code [UNAVAILABLE]}) and the client may retry.
     *
     * @param detail what failed, for the server's log (never sent to the client)
     */
    record TemporaryFailure(String detail) implements AuthResult {
        /** Validates. */
        public TemporaryFailure {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why an attempt failed. */
    enum Reason {
        /** Unknown user, wrong password, disabled or blocked account, or blocked address: indistinguishable. */
        INVALID_CREDENTIALS,
        /** The mechanism is not allowed here (plain text disabled, or without TLS); checked before the password. */
        MECHANISM_NOT_ALLOWED
    }
}
