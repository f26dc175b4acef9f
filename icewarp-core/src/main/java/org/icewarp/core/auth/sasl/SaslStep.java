package org.icewarp.core.auth.sasl;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SaslExchange} answers to one client response: send a challenge, succeed, or fail. Failures are values
 * with a {@link Failure.Reason}; an exchange never throws for anything a client sends.
 */
public sealed interface SaslStep permits SaslStep.Challenge, SaslStep.Success, SaslStep.Failure {

    /**
     * Returns whether the exchange is over (success or failure).
     *
     * @return false only for {@link Challenge}
     */
    boolean done();

    /**
     * The server needs another client response. The protocol base64-encodes {@link #data()} (an empty array is an
     * empty challenge: SMTP {@code 334 }, IMAP {@code + }).
     *
     * @param data the raw challenge; copied, never null
     */
    record Challenge(byte[] data) implements SaslStep {
        /** @throws NullPointerException if {@code data} is null */
        public Challenge {
            data = Objects.requireNonNull(data, "data").clone();
        }

        /** @return a copy of the challenge */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean done() {
            return false;
        }

        @Override
        public String toString() {
            return "Challenge[" + data.length + " bytes]";
        }
    }

    /**
     * Authentication succeeded.
     *
     * @param authorizationId the identity the client acts as (the account the session logs in to); equals the
     *     authentication identity unless the client asked for another one and the backend allowed it
     * @param authenticationId the identity whose credentials were checked (the canonical account name the backend
     *     returned, or a Kerberos principal / token subject resolved to an account)
     * @param mechanism the mechanism name, for the authentication log
     */
    record Success(String authorizationId, String authenticationId, String mechanism) implements SaslStep {
        /** @throws NullPointerException if a component is null */
        public Success {
            Objects.requireNonNull(authorizationId, "authorizationId");
            Objects.requireNonNull(authenticationId, "authenticationId");
            Objects.requireNonNull(mechanism, "mechanism");
        }

        @Override
        public boolean done() {
            return true;
        }
    }

    /**
     * Authentication failed; the exchange is over.
     *
     * @param reason why, for the protocol's reply and the login policy
     * @param attemptedUser the user name the client gave, if the exchange got that far (for the authentication log:
     *     "only the user name provided by the user is logged"); never a password
     * @param detail a short text for the service log; never contains a secret or a client payload
     */
    record Failure(Reason reason, Optional<String> attemptedUser, String detail) implements SaslStep {
        /** @throws NullPointerException if a component is null */
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(attemptedUser, "attemptedUser");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean done() {
            return true;
        }

        /**
         * Why an exchange failed. The protocol maps each to its own reply (for SMTP, RFC 4954 section 6).
         */
        public enum Reason {
            /** The client's message does not parse (SMTP 501 5.5.2, IMAP BAD). */
            MALFORMED,
            /** A client message exceeds the configured maximum (SMTP 500 5.5.6). */
            TOO_LONG,
            /** The credentials are wrong, or the user is unknown (SMTP 535 5.7.8, IMAP NO [AUTHENTICATIONFAILED]). */
            WRONG_CREDENTIALS,
            /**
             * The credentials are right but the client may not act as the authorization identity it asked for
             * (SMTP 535 5.7.8, IMAP NO [AUTHORIZATIONFAILED]).
             */
            NOT_AUTHORIZED,
            /** The account store, directory or token service failed; try later (SMTP 454 4.7.0, IMAP NO [UNAVAILABLE]). */
            TEMPORARY,
            /** The client cancelled the exchange (SMTP 501 5.0.0, IMAP BAD). */
            CANCELLED
        }
    }
}
