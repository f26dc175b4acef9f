package org.icewarp.core.auth.sasl.internal;

import java.util.Map;
import java.util.Optional;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;
import org.icewarp.core.auth.sasl.SaslSettings;

/**
 * A mechanism served by the JDK's {@code javax.security.sasl} provider that needs the user's clear password. Offered
 * only when enabled and the operator declared reversible passwords.
 */
abstract class JdkMechanism implements SaslMechanism {

    @Override
    public final boolean plaintextEquivalent() {
        return false;
    }

    @Override
    public final boolean available(SaslSettings settings) {
        return settings.isEnabled(name()) && settings.reversiblePasswords();
    }

    @Override
    public final SaslExchange newExchange(SaslContext context) {
        return new JdkExchange(context, this);
    }

    /** The properties for {@code Sasl.createSaslServer}. */
    abstract Map<String, ?> properties(SaslContext context);

    /**
     * Reads the user name out of a client message, before the JDK sees it.
     *
     * @return empty when the message is malformed; an empty inner value when this message carries no user name
     */
    abstract Optional<Optional<String>> userIn(byte[] response);
}
