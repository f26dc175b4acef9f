package org.icewarp.samples.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.ServiceFactory;

/**
 * One service as the configuration sets it up, before anything is bound: what {@code icewarp services} prints.
 *
 * <p>The rules are the kernel's (see {@link ServiceConfig}): every service type on the class path that the
 * configuration does not name runs at its defaults; a service listens on its explicit bindings, or else on each of
 * its ports (the type's standard ports when it names none) on each "all services" address.
 *
 * @param name the instance name
 * @param type the service type
 * @param module the module it belongs to
 * @param enabled whether it starts with the server
 * @param configured whether the configuration has a section for it (otherwise it is at its type's defaults)
 * @param bindings where it would listen
 */
record ConfiguredService(
        String name, String type, String module, boolean enabled, boolean configured, List<Binding> bindings) {

    /** Copies the bindings. */
    ConfiguredService {
        bindings = List.copyOf(bindings);
    }

    /**
     * The services of a configuration: its sections in order, then every other service type at its defaults.
     *
     * @throws ConfigurationException naming the section whose type is not on the class path
     */
    static List<ConfiguredService> of(ServerConfig config, Map<String, ServiceFactory> types) {
        List<ConfiguredService> out = new ArrayList<>();
        for (ServiceConfig s : config.services().values()) {
            ServiceFactory f = types.get(s.type());
            if (f == null) {
                throw new ConfigurationException(
                        "system.services." + s.name() + ".type",
                        s.type(),
                        "no service type '" + s.type() + "' is on the class path (known: "
                                + new TreeSet<>(types.keySet()) + ")");
            }
            String module = s.module().isEmpty() ? f.defaultModule() : s.module();
            out.add(new ConfiguredService(s.name(), s.type(), module, s.enabled(), true, bindings(s, f, config)));
        }
        for (ServiceFactory f : types.values()) {
            if (!config.services().containsKey(f.type())) {
                ServiceConfig s = ServiceConfig.builder(f.type()).build();
                out.add(new ConfiguredService(
                        f.type(), f.type(), f.defaultModule(), f.enabledByDefault(), false, bindings(s, f, config)));
            }
        }
        return out;
    }

    private static List<Binding> bindings(ServiceConfig s, ServiceFactory f, ServerConfig config) {
        if (!s.bindings().isEmpty()) {
            return s.bindings();
        }
        List<Integer> ports = s.ports().isEmpty() ? f.defaultPorts() : s.ports();
        List<Binding> out = new ArrayList<>();
        for (String address : config.allAddresses()) {
            for (int port : ports) {
                out.add(Binding.plain(address, port));
            }
        }
        return out;
    }
}
