package org.icewarp.core.auth.sasl;

import java.util.Objects;

/**
 * A {@link SaslBackend}'s answer to a credential check. An infrastructure failure (store down, timeout) is not a value
 * but an exceptionally completed stage; the exchange maps both that and {@link Unavailable} to a temporary failure.
 */
public sealed interface Verification permits Verification.Accepted, Verification.Rejected, Verification.Unavailable {

    /**
     * The credentials are right.
     *
     * @param account the canonical account name (for example {@code john@example.com} when the client typed
     *     {@code john}); it becomes the authentication identity of the session
     * @return the value
     */
    static Verification accepted(String account) {
        return new Accepted(account);
    }

    /**
     * The credentials are wrong, the user is unknown, or the account may not log in (disabled, locked out). The
     * client is told only "wrong credentials".
     *
     * @return the value
     */
    static Verification rejected() {
        return Rejected.INSTANCE;
    }

    /**
     * The check cannot be made now (directory unreachable, account temporarily locked by policy and the policy wants a
     * temporary reply).
     *
     * @param detail a short text for the service log; no secret
     * @return the value
     */
    static Verification unavailable(String detail) {
        return new Unavailable(detail);
    }

    /**
     * The credentials are right.
     *
     * @param account the canonical account name
     */
    record Accepted(String account) implements Verification {
        /** @throws NullPointerException if {@code account} is null */
        public Accepted {
            Objects.requireNonNull(account, "account");
        }
    }

    /** The credentials are wrong. */
    enum Rejected implements Verification {
        /** The only instance. */
        INSTANCE
    }

    /**
     * The check cannot be made now.
     *
     * @param detail a short text for the service log
     */
    record Unavailable(String detail) implements Verification {
        /** @throws NullPointerException if {@code detail} is null */
        public Unavailable {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
