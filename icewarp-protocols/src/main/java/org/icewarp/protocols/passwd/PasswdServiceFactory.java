package org.icewarp.protocols.passwd;

import java.util.List;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;

/**
 * The change-password service (poppassd dialogue) on port 106, in the module {@code passwd}. Off unless configured. A
 * connection without TLS is refused at the greeting unless the option {@code allow-plain} is on, so the usual setup is
 * a binding with {@code tls: implicit}; see {@code icewarp-protocols/README.md}.
 */
public final class PasswdServiceFactory implements ServiceFactory {
    /** The service type. */
    public static final String TYPE = "passwd";

    /** Creates the factory ({@link java.util.ServiceLoader} needs a public constructor). */
    public PasswdServiceFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String defaultModule() {
        return TYPE;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(106);
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public ServiceProtocol create(ServiceContext context) {
        PasswdSettings settings = PasswdSettings.read(context.config().typedOptions());
        Authenticator authenticator;
        try {
            authenticator = context.authenticator();
        } catch (UnsupportedOperationException e) {
            authenticator = null;
        }
        return new PasswdProtocol(context, settings, authenticator);
    }
}
