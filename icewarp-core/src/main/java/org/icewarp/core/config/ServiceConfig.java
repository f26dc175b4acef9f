package org.icewarp.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.icewarp.core.log.LogLevel;

/**
 * The configuration of one service instance ({@code system.services.<name>} in the YAML file).
 *
 * <p>Where it listens: the explicit {@link #bindings()} when there are any; otherwise each of {@link #ports()} (or the
 * service type's standard ports when that list is empty) on each address of the server's "all services" list.
 *
 * @param name the instance name, unique in the server; also the activity logger's suffix
 * @param type the service type, matching a {@code ServiceFactory} on the class path (usually equal to the name)
 * @param module the module the service belongs to, or {@code ""} for the type's default module
 * @param enabled whether the service starts with the server
 * @param ports the ports to listen on with the "all services" addresses; empty for the type's standard ports
 * @param bindings explicit address and port pairs; when present they replace {@code ports}
 * @param access the access rule
 * @param limits connection, bandwidth and alert limits
 * @param logging the activity log level
 * @param options the protocol's own settings ({@code system.services.<name>.options.<key>}), as text; the protocol
 *     parses and validates them when the service starts and names the full key in any error (see
 *     {@code ServiceOptions})
 */
public record ServiceConfig(
        String name,
        String type,
        String module,
        boolean enabled,
        List<Integer> ports,
        List<Binding> bindings,
        AccessSettings access,
        Limits limits,
        LogLevel logging,
        Map<String, String> options) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern OPTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    /** Validates and copies the fields. */
    public ServiceConfig {
        requireName("name", name);
        requireName("type", type);
        Objects.requireNonNull(module, "module");
        if (!module.isEmpty()) {
            requireName("module", module);
        }
        ports = List.copyOf(ports);
        for (Integer port : ports) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
        }
        if (ports.stream().distinct().count() != ports.size()) {
            throw new IllegalArgumentException("ports " + ports + " list a port twice");
        }
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(logging, "logging");
        options = Collections.unmodifiableMap(new TreeMap<>(options));
        for (String key : options.keySet()) {
            if (!OPTION.matcher(key).matches()) {
                throw new IllegalArgumentException("option key '" + key
                        + "' must be lower-case words of letters and digits separated by '-' or '.'");
            }
        }
    }

    /** The options as a typed reader that names {@code system.services.<name>.options.<key>} in its errors. */
    public ServiceOptions typedOptions() {
        return new ServiceOptions("system.services." + name + ".options.", options);
    }

    static void requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be 1 to 40 lower-case letters, digits or '-', starting with a letter");
        }
    }

    /** A builder for a service named {@code name} of the same type, enabled, with defaults for everything else. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.type = type;
        b.module = module;
        b.enabled = enabled;
        b.ports = new ArrayList<>(ports);
        b.bindings = new ArrayList<>(bindings);
        b.access = access;
        b.limits = limits;
        b.logging = logging;
        b.options = new TreeMap<>(options);
        return b;
    }

    /** Builds a {@link ServiceConfig}; every setter validates its argument at once. */
    public static final class Builder {
        private final String name;
        private String type;
        private String module = "";
        private boolean enabled = true;
        private List<Integer> ports = new ArrayList<>();
        private List<Binding> bindings = new ArrayList<>();
        private AccessSettings access = AccessSettings.UNRESTRICTED;
        private Limits limits = Limits.NONE;
        private LogLevel logging = LogLevel.SUMMARY;
        private Map<String, String> options = new TreeMap<>();

        private Builder(String name) {
            requireName("name", name);
            this.name = name;
            this.type = name;
        }

        /** The service type, when it differs from the name (a second SMTP instance, say). */
        public Builder type(String type) {
            requireName("type", type);
            this.type = type;
            return this;
        }

        /** The module; default: the type's own module. */
        public Builder module(String module) {
            requireName("module", module);
            this.module = module;
            return this;
        }

        /** Whether the service starts with the server; default {@code true}. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The ports on the "all services" addresses; replaces earlier ports. Port 0 binds an ephemeral port. */
        public Builder ports(Integer... ports) {
            this.ports = new ArrayList<>(List.of(ports));
            return this;
        }

        /** Adds an explicit binding. */
        public Builder binding(Binding binding) {
            this.bindings.add(Objects.requireNonNull(binding, "binding"));
            return this;
        }

        /** The access rule; default unrestricted. */
        public Builder access(AccessSettings access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** The limits; default none. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The activity log level; default summary. */
        public Builder logging(LogLevel logging) {
            this.logging = Objects.requireNonNull(logging, "logging");
            return this;
        }

        /**
         * Sets one protocol option ({@code system.services.<name>.options.<key>}); the protocol validates the value
         * when the service starts.
         */
        public Builder option(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!OPTION.matcher(key).matches()) {
                throw new IllegalArgumentException("option key '" + key
                        + "' must be lower-case words of letters and digits separated by '-' or '.'");
            }
            this.options.put(key, value);
            return this;
        }

        /** Builds the configuration. */
        public ServiceConfig build() {
            return new ServiceConfig(name, type, module, enabled, ports, bindings, access, limits, logging, options);
        }
    }
}
