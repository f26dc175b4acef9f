package org.icewarp.core.auth.sasl;

/**
 * A SASL mechanism as a plug-in. Implementations are found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.icewarp.core.auth.sasl.SaslMechanism}); {@link SaslMechanisms} decides which are
 * offered on a connection. The stock ones are listed in the package documentation.
 *
 * <p>An implementation is stateless and thread-safe; all per-attempt state lives in the {@link SaslExchange}.
 */
public interface SaslMechanism {

    /**
     * Returns the IANA name.
     *
     * @return the name, upper case, for example {@code SCRAM-SHA-256}
     */
    String name();

    /**
     * Returns whether the client sends the password in clear-equivalent form (PLAIN, LOGIN). Such mechanisms obey
     * "disable plain authentication" and {@link SaslSettings#plaintextRequiresTls()}.
     *
     * @return true for clear-text mechanisms
     */
    boolean plaintextEquivalent();

    /**
     * Returns whether the mechanism is offered only over TLS, whatever the settings say (bearer tokens, RFC 7628
     * section 5).
     *
     * @return true if TLS is required
     */
    default boolean requiresTls() {
        return false;
    }

    /**
     * Returns whether the client may send an initial response (the mechanism is client-first). Server-first
     * mechanisms (CRAM-MD5, DIGEST-MD5) fail an exchange started with one as malformed.
     *
     * @return true if client-first
     */
    default boolean clientFirst() {
        return true;
    }

    /**
     * Returns whether the operator enabled the mechanism and what it needs is configured (reversible passwords,
     * a keytab). Transport rules (TLS, disable plain) are applied by {@link SaslMechanisms}, not here.
     *
     * @param settings the settings
     * @return true if it may be offered
     */
    default boolean available(SaslSettings settings) {
        return settings.isEnabled(name());
    }

    /**
     * Creates the server side of one exchange. Must not block or do I/O.
     *
     * @param context the connection's context
     * @return a new exchange
     */
    SaslExchange newExchange(SaslContext context);
}
