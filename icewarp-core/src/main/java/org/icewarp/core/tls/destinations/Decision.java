package org.icewarp.core.tls.destinations;

import java.util.Objects;

/**
 * What {@link SecureDestinations} decides for one connection to a host. A peer's bad certificate is a {@link Refused}
 * value, never an exception; the delivery returns the message (the seed: "the message is returned") and may quote
 * {@link #message()}.
 */
public sealed interface Decision permits Decision.NotRequired, Decision.Allowed, Decision.Refused {

    /**
     * Returns the host the decision is for, as given.
     *
     * @return the host; never null
     */
    String host();

    /**
     * Returns whether the message may be sent over this connection.
     *
     * @return true for {@link NotRequired} and {@link Allowed}
     */
    boolean allowed();

    /**
     * Returns one line for logs and bounce messages.
     *
     * @return the explanation; never null
     */
    String message();

    /**
     * No secure destination matches the host: TLS is optional and any certificate (or none) will do.
     *
     * @param host the host
     */
    record NotRequired(String host) implements Decision {
        /** @throws NullPointerException if {@code host} is null */
        public NotRequired {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public String message() {
            return host + ": no secure destination; TLS optional";
        }
    }

    /**
     * A secure destination matches and the peer's certificate satisfies it.
     *
     * @param host the host
     * @param rule the rule that applied
     * @param reason how it was satisfied, for example {@code chain verified to a trusted CA}
     */
    record Allowed(String host, SecureDestination rule, String reason) implements Decision {
        /** @throws NullPointerException if a component is null */
        public Allowed {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public String message() {
            return host + ": secure destination '" + rule.host() + "' satisfied: " + reason;
        }
    }

    /**
     * A secure destination matches and the connection does not satisfy it: no TLS, no certificate, a chain that does
     * not lead to a trusted CA, or a subject, issuer or fingerprint that differs.
     *
     * @param host the host
     * @param rule the rule that applied
     * @param reason what did not match, for example {@code subject CN=x is not the required CN=y}
     */
    record Refused(String host, SecureDestination rule, String reason) implements Decision {
        /** @throws NullPointerException if a component is null */
        public Refused {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public String message() {
            return host + ": refused by secure destination '" + rule.host() + "': " + reason;
        }
    }
}
