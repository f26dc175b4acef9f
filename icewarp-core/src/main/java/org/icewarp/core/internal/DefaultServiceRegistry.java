package org.icewarp.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.Service;
import org.icewarp.core.service.ServiceException;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceRegistry;
import org.icewarp.core.service.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of a running server: creates a {@link ServiceRuntime} for every configured service and for every
 * service type on the class path that the configuration does not mention (at the type's defaults), and applies new
 * configurations by restarting only the services whose listeners change.
 */
public final class DefaultServiceRegistry implements ServiceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultServiceRegistry.class);

    private final Kernel kernel;
    private final Map<String, ServiceFactory> factories;
    private final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    private ServerConfig current;

    /**
     * @param factories the service types by type name
     * @param config the configuration, already checked by {@link #effective}
     */
    public DefaultServiceRegistry(Kernel kernel, Map<String, ServiceFactory> factories, ServerConfig config) {
        this.kernel = kernel;
        this.factories = Map.copyOf(factories);
        this.current = config;
        for (ServiceConfig s : config.services().values()) {
            services.put(s.name(), new ServiceRuntime(kernel, factories.get(s.type()), s, config));
        }
    }

    /**
     * The configuration completed with a default section for every service type it does not name, after checking that
     * every configured type exists.
     *
     * @throws ConfigurationException naming the service whose type is unknown
     */
    public static ServerConfig effective(ServerConfig config, Map<String, ServiceFactory> factories) {
        for (ServiceConfig s : config.services().values()) {
            if (!factories.containsKey(s.type())) {
                throw new ConfigurationException(
                        "system.services." + s.name() + ".type",
                        s.type(),
                        "no service type '" + s.type() + "' is on the class path (known: "
                                + new TreeSet<>(factories.keySet()) + ")");
            }
        }
        ServerConfig.Builder b = config.toBuilder();
        for (ServiceFactory f : factories.values()) {
            // a type with any configured instance (say "mx: {type: smtp}") gets no default instance beside it
            boolean configured =
                    config.services().values().stream().anyMatch(s -> s.type().equals(f.type()))
                            || config.service(f.type()).isPresent();
            if (!configured) {
                b.service(ServiceConfig.builder(f.type())
                        .enabled(f.enabledByDefault())
                        .build());
            }
        }
        ServerConfig effective = b.build();
        rejectSharedBindings(effective, factories);
        return effective;
    }

    /** Two enabled services on one fixed address and port could never both start: say so before either tries. */
    private static void rejectSharedBindings(ServerConfig config, Map<String, ServiceFactory> factories) {
        Map<String, String> taken = new java.util.HashMap<>();
        for (ServiceConfig s : config.services().values()) {
            if (!s.enabled()) {
                continue;
            }
            for (org.icewarp.core.config.Binding b :
                    ServiceRuntime.plannedBindings(s, config, factories.get(s.type()))) {
                if (b.port() == 0) {
                    continue;
                }
                String any = "*:" + b.port();
                String exact = b.address() + ":" + b.port();
                List<String> clashes = org.icewarp.core.config.Binding.ANY.equals(b.address())
                        ? taken.keySet().stream()
                                .filter(k -> k.endsWith(":" + b.port()))
                                .toList()
                        : java.util.stream.Stream.of(any, exact)
                                .filter(taken::containsKey)
                                .toList();
                if (!clashes.isEmpty()) {
                    String other = taken.get(clashes.get(0));
                    throw new ConfigurationException(
                            "system.services." + s.name(),
                            b.toString(),
                            other.equals(s.name())
                                    ? "the service would listen on this address and port twice"
                                    : "service " + other + " already listens on this address and port");
                }
                taken.put(exact, s.name());
            }
        }
    }

    /**
     * Starts every enabled service.
     *
     * @throws ServiceException for the first one that fails; the ones started before it are stopped again
     */
    public synchronized void startEnabled() {
        List<ServiceRuntime> started = new ArrayList<>();
        for (ServiceRuntime s : services.values()) {
            if (s.config().enabled()) {
                try {
                    s.start();
                    started.add(s);
                } catch (ServiceException e) {
                    for (ServiceRuntime r : started) {
                        r.stop();
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * Applies a new (effective) configuration: services whose listeners change are restarted, started or stopped;
     * the others get their access rule, limits and log level updated in place.
     *
     * @return the names restarted, and the names updated in place
     */
    public synchronized Changes apply(ServerConfig next) {
        ServerConfig previous = current;
        Set<String> restarted = new LinkedHashSet<>();
        Set<String> reverted = new LinkedHashSet<>();
        Set<String> updated = new LinkedHashSet<>();
        for (ServiceRuntime s : new ArrayList<>(services.values())) {
            if (next.service(s.name()).isEmpty()) {
                s.stop();
                services.remove(s.name());
                restarted.add(s.name());
            }
        }
        List<ServiceException> failures = new ArrayList<>();
        for (ServiceConfig c : next.services().values()) {
            ServiceRuntime s = services.get(c.name());
            if (s == null || !s.factory().type().equals(c.type())) {
                if (s != null) {
                    s.stop();
                }
                s = new ServiceRuntime(kernel, factories.get(c.type()), c, next);
                services.put(c.name(), s);
                restarted.add(c.name());
                if (c.enabled()) {
                    startLogged(s, failures);
                }
                continue;
            }
            boolean rebind = s.needsRestart(c, next);
            ServiceConfig before = s.config();
            boolean wasRunning = s.state() == ServiceState.RUNNING;
            boolean changed = s.update(c, next);
            if (rebind) {
                restarted.add(c.name());
                s.stop();
                if (c.enabled() && !startLogged(s, failures) && wasRunning) {
                    // the new listeners cannot be had: keep serving on the old ones rather than not at all
                    s.update(before, previous);
                    reverted.add(c.name());
                    startLogged(s, new ArrayList<>());
                }
            } else if (changed) {
                updated.add(c.name());
            }
        }
        ServerConfig.Builder applied = next.toBuilder();
        for (String name : reverted) {
            applied.service(previous.service(name).orElseThrow());
        }
        current = applied.build();
        return new Changes(restarted, updated, failures, reverted, current);
    }

    private static boolean startLogged(ServiceRuntime s, List<ServiceException> failures) {
        try {
            s.start();
            return true;
        } catch (ServiceException e) {
            LOG.error("{}", e.getMessage(), e);
            failures.add(e);
            return false;
        }
    }

    /**
     * What {@link #apply} did.
     *
     * @param restarted services started, stopped or restarted
     * @param updated services updated in place
     * @param failures services that could not start under the new configuration
     * @param reverted services that went back to their previous configuration because the new one could not start
     * @param applied the configuration now in force (the new one, except for reverted services)
     */
    public record Changes(
            Set<String> restarted,
            Set<String> updated,
            List<ServiceException> failures,
            Set<String> reverted,
            ServerConfig applied) {}

    @Override
    public synchronized List<Service> services() {
        return List.copyOf(services.values());
    }

    @Override
    public synchronized Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    @Override
    public Service require(String name) {
        return service(name)
                .orElseThrow(() -> new IllegalArgumentException("no service named '" + name + "' (known: "
                        + services().stream().map(Service::name).toList() + ")"));
    }

    @Override
    public synchronized List<String> modules() {
        Set<String> modules = new LinkedHashSet<>();
        for (ServiceRuntime s : services.values()) {
            modules.add(s.module());
        }
        return List.copyOf(modules);
    }

    @Override
    public synchronized List<Service> module(String module) {
        List<Service> out = new ArrayList<>();
        for (ServiceRuntime s : services.values()) {
            if (s.module().equals(module)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no module named '" + module + "' (known: " + modules() + ")");
        }
        return out;
    }

    @Override
    public synchronized void startModule(String module) {
        eachThenThrowFirst(module(module), s -> true, Service::start);
    }

    @Override
    public synchronized void stopModule(String module) {
        module(module).forEach(Service::stop);
    }

    @Override
    public synchronized void restartModule(String module) {
        eachThenThrowFirst(
                module(module),
                s -> s.state() == ServiceState.RUNNING || s.config().enabled(),
                Service::restart);
    }

    @Override
    public synchronized void restartAll() {
        eachThenThrowFirst(services(), s -> s.state() == ServiceState.RUNNING, Service::restart);
    }

    /**
     * Runs {@code action} on every service {@code wanted} accepts (chosen before any action runs), going on after a
     * failure so that one service does not leave the rest untouched; then throws the first failure.
     */
    private static void eachThenThrowFirst(
            List<Service> members,
            java.util.function.Predicate<Service> wanted,
            java.util.function.Consumer<Service> action) {
        List<Service> chosen = members.stream().filter(wanted).toList();
        ServiceException first = null;
        for (Service s : members) {
            if (!chosen.contains(s)) {
                continue;
            }
            try {
                action.accept(s);
            } catch (ServiceException e) {
                LOG.error("{}", e.getMessage(), e);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public synchronized void stopAll() {
        services().forEach(Service::stop);
    }
}
