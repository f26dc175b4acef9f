package org.icewarp.protocols.imap;

import java.util.List;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;

/**
 * The IMAP service (RFC 3501) on port 143, in the module {@code pop3-imap} that it shares with POP3 (the seed's
 * "Service Ports"). Implicit TLS (RFC 8314, port 993) is a binding with {@code tls: implicit}. Off unless configured,
 * like SMTP.
 *
 * <p>Options ({@code system.services.<name>.options.*}) are listed in {@code icewarp-protocols/README.md}; an unknown or
 * bad option fails the start with the key named.
 */
public final class ImapServiceFactory implements ServiceFactory {
    /** The service type. */
    public static final String TYPE = "imap";

    /** Creates the factory ({@link java.util.ServiceLoader} needs a public constructor). */
    public ImapServiceFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String defaultModule() {
        return "pop3-imap";
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(143);
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public ServiceProtocol create(ServiceContext context) {
        ImapSettings settings = ImapSettings.read(context.config().typedOptions());
        Authenticator authenticator;
        try {
            authenticator = context.authenticator();
        } catch (UnsupportedOperationException e) {
            authenticator = null;
        }
        SaslMechanisms mechanisms = SaslMechanisms.load(ImapServiceFactory.class.getClassLoader());
        SaslSettings sasl = authenticator == null ? SaslSettings.defaults() : authenticator.saslSettings();
        return new ImapProtocol(new ImapServer(context, settings, authenticator, mechanisms, sasl));
    }
}
