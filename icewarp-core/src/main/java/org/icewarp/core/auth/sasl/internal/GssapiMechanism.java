package org.icewarp.core.auth.sasl.internal;

import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;
import org.icewarp.core.auth.sasl.SaslSettings;

/**
 * {@code GSSAPI} (RFC 4752, Kerberos V5 single sign-on) through the JDK. Offered when enabled and Kerberos settings
 * (keytab, principal) are present. The server principal is {@code <service>/<server name>}, where service is the
 * configured service name or the protocol's own ({@code imap}, {@code smtp}); the authenticated client principal is
 * mapped to an account by {@code SaslBackend.resolvePrincipal}. No security layer is negotiated (authentication only).
 */
public final class GssapiMechanism implements SaslMechanism {
    private final KerberosLogin login = new KerberosLogin();

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public GssapiMechanism() {}

    @Override
    public String name() {
        return "GSSAPI";
    }

    @Override
    public boolean plaintextEquivalent() {
        return false;
    }

    @Override
    public boolean available(SaslSettings settings) {
        return settings.isEnabled(name()) && settings.gssapi().isPresent();
    }

    @Override
    public SaslExchange newExchange(SaslContext context) {
        return new GssapiExchange(context, login);
    }
}
