package org.icewarp.protocols.daytime;

import java.util.List;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;

/**
 * The Daytime service (RFC 867): the seed's "System – Advanced – Protocol – Enable Daytime server (Port)". Off unless
 * configured; standard port 13; module {@code daytime}.
 */
public final class DaytimeServiceFactory implements ServiceFactory {
    /** The service type. */
    public static final String TYPE = "daytime";

    /** Creates the factory ({@link java.util.ServiceLoader} needs a public constructor). */
    public DaytimeServiceFactory() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String defaultModule() {
        return "daytime";
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(13);
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public ServiceProtocol create(ServiceContext context) {
        return new DaytimeProtocol(context.clock(), context.log());
    }
}
