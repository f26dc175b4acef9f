package org.icewarp.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.icewarp.core.access.AccessRule;
import org.icewarp.core.access.AddressSet;
import org.icewarp.core.access.InvalidAccessEntryException;
import org.icewarp.core.access.Patterns;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.DirectoryBindSettings;
import org.icewarp.core.auth.PasswordSettings;
import org.icewarp.core.auth.sasl.SaslSettings;

/**
 * The validated configuration of a whole server: immutable, and complete once built (access rules are compiled
 * against the patterns, so a configuration that exists is one the server can run).
 *
 * <p>Two ways to get one: {@link #load(Path)} reads the YAML file (see {@link ConfigLoader} for overrides), and
 * {@link #builder()} builds one in code. Both reject invalid values with an exception that names the option.
 */
public final class ServerConfig {

    /** The default interval at which a configuration file is checked for changes. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);

    private final String serverId;
    private final List<String> allAddresses;
    private final String trustedIps;
    private final Map<String, List<String>> patternDefinitions;
    private final Map<String, ServiceConfig> services;
    private final Duration reloadInterval;
    private final Map<String, StoreChoice> storage;
    private final TlsSettings tls;
    private final Patterns patterns;
    private final AddressSet trusted;
    private final Map<String, AccessRule> accessRules;
    private final AuthSettings auth;
    private final PasswordSettings passwords;
    private final DirectoryBindSettings directoryBind;
    private final SaslSettings sasl;

    private ServerConfig(Builder b) {
        this.sasl = b.sasl;
        this.auth = b.auth;
        this.passwords = b.passwords;
        this.directoryBind = b.directoryBind;
        this.serverId = b.serverId;
        this.allAddresses = List.copyOf(b.allAddresses);
        this.trustedIps = b.trustedIps;
        Map<String, List<String>> defs = new LinkedHashMap<>();
        b.patterns.forEach((k, v) -> defs.put(k, List.copyOf(v)));
        this.patternDefinitions = Collections.unmodifiableMap(defs);
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(b.services));
        this.reloadInterval = b.reloadInterval;
        this.storage = Collections.unmodifiableMap(new LinkedHashMap<>(b.storage));
        this.tls = b.tls;
        try {
            this.patterns = Patterns.of(patternDefinitions);
        } catch (InvalidAccessEntryException e) {
            throw new ConfigurationException("system.advanced.patterns", e.entry(), e.getMessage(), e);
        }
        try {
            this.trusted = AddressSet.parse(trustedIps, patterns);
        } catch (InvalidAccessEntryException e) {
            throw new ConfigurationException("system.trusted-ips", e.entry(), e.getMessage(), e);
        }
        Map<String, AccessRule> rules = new LinkedHashMap<>();
        for (ServiceConfig s : services.values()) {
            AccessSettings a = s.access();
            try {
                rules.put(s.name(), AccessRule.of(a.restrict(), a.type(), a.addresses(), patterns));
            } catch (InvalidAccessEntryException e) {
                throw new ConfigurationException(
                        "system.services." + s.name() + ".access.addresses", e.entry(), e.getMessage(), e);
            }
        }
        this.accessRules = Collections.unmodifiableMap(rules);
    }

    /** Reads and validates a YAML configuration file, applying environment and system-property overrides. */
    public static ServerConfig load(Path file) {
        return ConfigLoader.forFile(file).load();
    }

    /** A configuration with nothing configured: every service type at its defaults. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder for configuration in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.serverId = serverId;
        b.allAddresses = new ArrayList<>(allAddresses);
        b.trustedIps = trustedIps;
        b.patterns = new LinkedHashMap<>(patternDefinitions);
        b.services = new LinkedHashMap<>(services);
        b.reloadInterval = reloadInterval;
        b.storage = new LinkedHashMap<>(storage);
        b.tls = tls;
        b.auth = auth;
        b.passwords = passwords;
        b.directoryBind = directoryBind;
        b.sasl = sasl;
        return b;
    }

    /** The load-balancing server ID: prefixes log and message file names; {@code ""} when not set. */
    public String serverId() {
        return serverId;
    }

    /** The "all services" addresses each service's ports are bound on; {@code *} means every local address. */
    public List<String> allAddresses() {
        return allAddresses;
    }

    /** The trusted IPs as configured (entries separated by {@code ;}). */
    public String trustedIps() {
        return trustedIps;
    }

    /** The trusted IPs, compiled; exempt from bandwidth caps. */
    public AddressSet trusted() {
        return trusted;
    }

    /** The pattern definitions as configured. */
    public Map<String, List<String>> patternDefinitions() {
        return patternDefinitions;
    }

    /** The patterns, validated. */
    public Patterns patterns() {
        return patterns;
    }

    /** The configured services by name, in configuration order. */
    public Map<String, ServiceConfig> services() {
        return services;
    }

    /** One configured service. */
    public Optional<ServiceConfig> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The compiled access rule of a configured service. */
    public AccessRule accessRule(String service) {
        AccessRule rule = accessRules.get(service);
        if (rule == null) {
            throw new IllegalArgumentException("no service '" + service + "' is configured");
        }
        return rule;
    }

    /** How often the configuration file is checked for changes; zero when live reload is off. */
    public Duration reloadInterval() {
        return reloadInterval;
    }

    /** Where accounts are kept ({@code system.storage.accounts}); default in memory. */
    public StoreChoice accounts() {
        return storage.get(ACCOUNTS);
    }

    /** Where mailboxes are kept ({@code system.storage.mailboxes}); default in memory. */
    public StoreChoice mailboxes() {
        return storage.get(MAILBOXES);
    }

    /** Where the outgoing queue is kept ({@code system.storage.queue}); default in memory. */
    public StoreChoice queue() {
        return storage.get(QUEUE);
    }

    /** The TLS policy and certificates ({@code system.advanced.protocol.tls}, {@code system.certificates}). */
    public TlsSettings tls() {
        return tls;
    }

    /** The authentication policy ({@code system.auth}); see {@link AuthSettings} for the keys. */
    public AuthSettings auth() {
        return auth;
    }

    /** How passwords are stored ({@code system.auth.password}); see {@link PasswordSettings} for the keys. */
    public PasswordSettings passwords() {
        return passwords;
    }

    /** Where directory-owned accounts bind ({@code system.auth.directory}); none by default. */
    public DirectoryBindSettings directoryBind() {
        return directoryBind;
    }

    /**
     * The SASL settings ({@code system.advanced.sasl}): enabled mechanisms, message size, GSSAPI, bearer tokens. The
     * plain-text and reversible switches in it are the defaults; the authenticator takes those from {@link #auth()} and
     * {@link #passwords()} ({@code Authenticator.saslSettings}).
     */
    public SaslSettings sasl() {
        return sasl;
    }

    static final String ACCOUNTS = "accounts";
    static final String MAILBOXES = "mailboxes";
    static final String QUEUE = "queue";

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerConfig c
                && serverId.equals(c.serverId)
                && allAddresses.equals(c.allAddresses)
                && trustedIps.equals(c.trustedIps)
                && patternDefinitions.equals(c.patternDefinitions)
                && services.equals(c.services)
                && reloadInterval.equals(c.reloadInterval)
                && storage.equals(c.storage)
                && tls.equals(c.tls)
                && auth.equals(c.auth)
                && passwords.equals(c.passwords)
                && directoryBind.equals(c.directoryBind)
                && sasl.equals(c.sasl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                serverId,
                allAddresses,
                trustedIps,
                patternDefinitions,
                services,
                reloadInterval,
                storage,
                tls,
                auth,
                passwords,
                directoryBind,
                sasl);
    }

    @Override
    public String toString() {
        return "ServerConfig[serverId=" + serverId + ", all=" + allAddresses + ", services=" + services.keySet() + "]";
    }

    /**
     * Builds a {@link ServerConfig}. Setters validate their argument at once ({@link IllegalArgumentException} naming
     * the option); {@link #build()} validates the whole (patterns and access rules) and throws
     * {@link ConfigurationException} naming the key.
     */
    public static final class Builder {
        private String serverId = "";
        private List<String> allAddresses = new ArrayList<>(List.of(Binding.ANY));
        private String trustedIps = "";
        private Map<String, List<String>> patterns = new LinkedHashMap<>();
        private Map<String, ServiceConfig> services = new LinkedHashMap<>();
        private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
        private Map<String, StoreChoice> storage = new LinkedHashMap<>(
                Map.of(ACCOUNTS, StoreChoice.MEMORY, MAILBOXES, StoreChoice.MEMORY, QUEUE, StoreChoice.MEMORY));
        private TlsSettings tls = TlsSettings.defaults();

        private AuthSettings auth = AuthSettings.defaults();
        private PasswordSettings passwords = PasswordSettings.defaults();
        private DirectoryBindSettings directoryBind = new DirectoryBindSettings(Map.of());
        private SaslSettings sasl = SaslSettings.defaults();

        private Builder() {}

        /** The SASL settings; default {@link SaslSettings#defaults()}. */
        public Builder sasl(SaslSettings sasl) {
            this.sasl = Objects.requireNonNull(sasl, "sasl");
            return this;
        }

        /** The authentication policy; default {@link AuthSettings#defaults()}. */
        public Builder auth(AuthSettings auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** How passwords are stored; default {@link PasswordSettings#defaults()}. */
        public Builder passwords(PasswordSettings passwords) {
            this.passwords = Objects.requireNonNull(passwords, "passwords");
            return this;
        }

        /** Where directory-owned accounts bind; default no directory. */
        public Builder directoryBind(DirectoryBindSettings directoryBind) {
            this.directoryBind = Objects.requireNonNull(directoryBind, "directoryBind");
            return this;
        }

        /** Where accounts are kept; default in memory. */
        public Builder accounts(StoreChoice choice) {
            storage.put(ACCOUNTS, Objects.requireNonNull(choice, "accounts"));
            return this;
        }

        /** Where mailboxes are kept; default in memory. */
        public Builder mailboxes(StoreChoice choice) {
            storage.put(MAILBOXES, Objects.requireNonNull(choice, "mailboxes"));
            return this;
        }

        /** Where the outgoing queue is kept; default in memory. */
        public Builder queue(StoreChoice choice) {
            storage.put(QUEUE, Objects.requireNonNull(choice, "queue"));
            return this;
        }

        /** The load-balancing server ID (at most 2 letters or digits, the seed's limit); default none. */
        public Builder serverId(String serverId) {
            Objects.requireNonNull(serverId, "serverId");
            if (!serverId.matches("[A-Za-z0-9]{0,2}")) {
                throw new IllegalArgumentException(
                        "serverId '" + serverId
                                + "' must be at most 2 letters or digits (the seed: it prefixes every message and log file name)");
            }
            this.serverId = serverId;
            return this;
        }

        /** The "all services" addresses; default {@code *} (every local address). */
        public Builder allAddresses(List<String> addresses) {
            List<String> copy = List.copyOf(addresses);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("allAddresses must not be empty (use * for every local address)");
            }
            for (String a : copy) {
                if (!Binding.ANY.equals(a) && !Addresses.isLiteral(a)) {
                    throw new IllegalArgumentException(
                            "allAddresses entry '" + a + "' is not a literal IPv4 or IPv6 address or *");
                }
            }
            this.allAddresses = new ArrayList<>(copy);
            return this;
        }

        /** The trusted IPs (entries separated by {@code ;}); default none. */
        public Builder trustedIps(String entries) {
            this.trustedIps = Objects.requireNonNull(entries, "trustedIps");
            return this;
        }

        /** Defines a pattern, replacing one of the same name. */
        public Builder pattern(String name, List<String> items) {
            Objects.requireNonNull(name, "name");
            patterns.put(name, List.copyOf(items));
            return this;
        }

        /** The TLS policy and certificates; default {@link TlsSettings#defaults()}. */
        public Builder tls(TlsSettings tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Adds or replaces a service. */
        public Builder service(ServiceConfig service) {
            Objects.requireNonNull(service, "service");
            services.put(service.name(), service);
            return this;
        }

        /** Removes a service, which then runs at its type's defaults (if its type exists). */
        public Builder removeService(String name) {
            services.remove(name);
            return this;
        }

        /** How often the configuration file is checked for changes; zero switches live reload off. */
        public Builder reloadInterval(Duration interval) {
            Objects.requireNonNull(interval, "reloadInterval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("reloadInterval must not be negative, was " + interval);
            }
            this.reloadInterval = interval;
            return this;
        }

        /** Validates and builds. */
        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
