package org.icewarp.protocols.pop3;

import java.util.List;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;

/**
 * The POP3 service (RFC 1939 with RFC 2449, 2595, 3206, 5034) on port 110, in the module {@code pop3-imap} (the seed:
 * "POP3 and IMAP run as one module"). Implicit TLS (port 995) is a binding with {@code tls: implicit}. Off unless
 * configured, because its standard port needs privileges.
 *
 * <p>Options ({@code system.services.<name>.options.*}) are listed in {@code icewarp-protocols/README.md}; an unknown or
 * bad option fails the start with the key named.
 */
public final class Pop3ServiceFactory implements ServiceFactory {
    /** The service type. */
    public static final String TYPE = "pop3";

    /** The module POP3 and IMAP share. */
    public static final String MODULE = "pop3-imap";

    /** Creates the factory ({@link java.util.ServiceLoader} needs a public constructor). */
    public Pop3ServiceFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String defaultModule() {
        return MODULE;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(110);
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public ServiceProtocol create(ServiceContext context) {
        ServiceConfig config = context.config();
        Pop3Settings settings =
                Pop3Settings.read(config.typedOptions(), config.options().keySet());
        Authenticator authenticator;
        try {
            authenticator = context.authenticator();
        } catch (UnsupportedOperationException e) {
            authenticator = null;
        }
        SaslMechanisms mechanisms = SaslMechanisms.load(Pop3ServiceFactory.class.getClassLoader());
        SaslSettings sasl = authenticator == null ? SaslSettings.defaults() : authenticator.saslSettings();
        return new Pop3Protocol(
                new Pop3Server(context, settings, new Pop3Statistics(), authenticator, mechanisms, sasl));
    }
}
