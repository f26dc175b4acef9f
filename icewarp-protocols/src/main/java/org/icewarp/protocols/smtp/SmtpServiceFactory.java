package org.icewarp.protocols.smtp;

import java.util.List;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;

/**
 * The SMTP service (RFC 5321): incoming mail on port 25 and submission on 587 (RFC 6409, authentication required
 * before MAIL), in the module {@code smtp}. Implicit TLS (RFC 8314, port 465) is a binding with {@code tls: implicit};
 * 465 counts as a submission port by default. Off unless configured, because its standard ports need privileges.
 *
 * <p>Options ({@code system.services.<name>.options.*}) are listed in {@code icewarp-protocols/README.md}; an unknown or
 * bad option fails the start with the key named.
 */
public final class SmtpServiceFactory implements ServiceFactory {
    /** The service type. */
    public static final String TYPE = "smtp";

    /** Creates the factory ({@link java.util.ServiceLoader} needs a public constructor). */
    public SmtpServiceFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String defaultModule() {
        return "smtp";
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(25, 587);
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public ServiceProtocol create(ServiceContext context) {
        ServiceConfig config = context.config();
        SmtpSettings settings = SmtpSettings.read(
                config.typedOptions(), context.patterns(), config.options().keySet());
        Authenticator authenticator;
        try {
            authenticator = context.authenticator();
        } catch (UnsupportedOperationException e) {
            authenticator = null;
        }
        ClassLoader loader = SmtpServiceFactory.class.getClassLoader();
        SaslMechanisms mechanisms = SaslMechanisms.load(loader);
        SaslSettings sasl = authenticator == null ? SaslSettings.defaults() : authenticator.saslSettings();
        String primary = settings.primaryDomain();
        if (primary.isEmpty() && authenticator != null) {
            primary = authenticator.policy().settings().primaryDomain();
        }
        SmtpServer server = new SmtpServer(
                context,
                settings,
                new RecipientResolver(context.accounts(), context.mailboxes(), primary),
                RecipientHooks.load(loader),
                new Delivery(context.mailboxes(), context.queue(), context.clock()),
                new SmtpStatistics(),
                authenticator,
                mechanisms,
                sasl);
        return new SmtpProtocol(server);
    }
}
