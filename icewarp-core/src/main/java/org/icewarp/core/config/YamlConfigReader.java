package org.icewarp.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.icewarp.core.access.AccessRule;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.DirectoryBindSettings;
import org.icewarp.core.auth.PasswordAlgorithm;
import org.icewarp.core.auth.PasswordSettings;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.log.LogLevel;

/**
 * Turns the parsed YAML tree into a {@link ServerConfig}: every key is checked against the schema below, every value
 * against its type and range, and every failure names the key and the value.
 */
final class YamlConfigReader {
    private static final String SERVICES = "system.services.";
    private static final String AUTH = "system\\.auth\\.";
    private static final String SASL = "system\\.advanced\\.sasl\\.";
    private static final String SVC = "system\\.services\\.([a-z][a-z0-9-]*)\\.";

    /** The schema: every key the file may contain. */
    private static final List<Pattern> KNOWN_KEYS = List.of(
            Pattern.compile("system\\.server-id"),
            Pattern.compile("system\\.trusted-ips"),
            Pattern.compile("system\\.config\\.reload-interval"),
            Pattern.compile("system\\.services\\.all\\.ip"),
            Pattern.compile(SVC + "(type|module|enabled|ports|logging)"),
            Pattern.compile(SVC + "access\\.(restrict|type|addresses)"),
            Pattern.compile(SVC + "limits\\.(max-incoming|max-outgoing|bandwidth-kbps"
                    + "|alert-connections-multiplier|alert-data-multiplier)"),
            Pattern.compile(SVC + "bindings\\.(ip|port|tls|certificate|require-peer-certificate|ca-file)"),
            // protocol options are validated by the protocol when the service starts
            Pattern.compile(SVC + "options\\.[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*"),
            Pattern.compile("system\\.advanced\\.patterns\\.[A-Za-z0-9_-]+"),
            Pattern.compile(
                    "system\\.advanced\\.protocol\\.tls\\.(enabled|protocols|ciphers|engine|handshake-timeout)"),
            Pattern.compile("system\\.certificates\\.(default|ca-directory|reload-interval)"),
            Pattern.compile("system\\.certificates\\.server\\.(ip|file|key-file)"),
            Pattern.compile("system\\.storage\\.(accounts|mailboxes|queue)\\.provider"),
            Pattern.compile("system\\.storage\\.(accounts|mailboxes|queue)\\.options\\.[a-z0-9-]+"),
            Pattern.compile(
                    AUTH + "(logging|disable-plain|plain-without-tls|login-with-email|primary-domain|threads|queue)"),
            Pattern.compile(AUTH + "login-policy\\.(account-failures|ip-failures|window|block|tracked)"),
            Pattern.compile(AUTH + "password\\.(algorithm|argon2\\.(memory-kib|iterations|parallelism)"
                    + "|pbkdf2\\.iterations|scram\\.iterations|reversible\\.(enabled|key))"),
            Pattern.compile(AUTH + "directory\\.[A-Za-z0-9_-]+\\.(urls|timeout)"),
            Pattern.compile(SASL + "(enabled|max-message-size)"),
            Pattern.compile(SASL + "gssapi\\.(keytab|principal|service-name)"),
            // a realm has dots, which the tree's keys write doubled
            Pattern.compile(SASL + "gssapi\\.realms\\.[A-Za-z0-9_-]+(\\.\\.[A-Za-z0-9_-]+)*"),
            Pattern.compile(SASL + "oauth\\.(verifier|issuer|audience|key-file|claim|clock-skew)"));

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final HierarchicalConfiguration<ImmutableNode> yaml;
    private final String source;
    private final Map<String, String> environment;
    private final Map<String, String> properties;
    private final Map<String, Boolean> knownServices;

    YamlConfigReader(
            HierarchicalConfiguration<ImmutableNode> yaml,
            String source,
            Map<String, String> environment,
            Map<String, String> properties,
            Map<String, Boolean> knownServices) {
        this.yaml = yaml;
        this.source = source;
        this.environment = environment;
        this.properties = properties;
        this.knownServices = knownServices;
    }

    ServerConfig read() {
        rejectUnknownKeys();
        ServerConfig.Builder b = ServerConfig.builder();
        apply("system.server-id", () -> b.serverId(string("system.server-id", "")));
        apply("system.trusted-ips", () -> b.trustedIps(string("system.trusted-ips", "")));
        apply("system.config.reload-interval", () -> b.reloadInterval(duration("system.config.reload-interval")));
        List<String> all = list("system.services.all.ip");
        if (!all.isEmpty()) {
            apply("system.services.all.ip", () -> b.allAddresses(all));
        }
        for (String name : children("system.advanced.patterns")) {
            String key = "system.advanced.patterns." + name;
            List<String> items = list(key);
            apply(key, () -> b.pattern(name, items));
        }
        for (String name : serviceNames()) {
            b.service(service(name));
        }
        b.tls(tls());
        apply("system.storage.accounts", () -> b.accounts(store("accounts")));
        apply("system.storage.mailboxes", () -> b.mailboxes(store("mailboxes")));
        apply("system.storage.queue", () -> b.queue(store("queue")));
        b.auth(auth());
        b.passwords(passwords());
        b.directoryBind(directoryBind());
        b.sasl(sasl());
        return b.build();
    }

    private SaslSettings sasl() {
        String p = "system.advanced.sasl.";
        SaslSettings.Builder b = SaslSettings.builder();
        List<String> enabled = list(p + "enabled");
        if (!enabled.isEmpty()) {
            for (String name : SaslSettings.DEFAULT_ENABLED) {
                b.disable(name);
            }
            for (String name : enabled) {
                if (!name.matches("[A-Za-z0-9_-]{1,20}")) {
                    throw new ConfigurationException(
                            p + "enabled",
                            name,
                            "is not a SASL mechanism name (letters, digits, '-', '_', at most 20)");
                }
                b.enable(name);
            }
        }
        b.maxMessageSize(integer(p + "max-message-size", SaslSettings.DEFAULT_MAX_MESSAGE_SIZE, 256, 16 * 1024 * 1024));
        String keytab = string(p + "gssapi.keytab", "");
        String principal = string(p + "gssapi.principal", "*");
        String serviceName = string(p + "gssapi.service-name", "");
        Map<String, String> realms = new java.util.LinkedHashMap<>();
        for (String realm : children(p + "gssapi.realms")) {
            String key = p + "gssapi.realms." + realm.replace(".", "..");
            realms.put(realm, string(key, ""));
        }
        if (keytab.isEmpty() && (!realms.isEmpty() || raw(p + "gssapi.principal") != null)) {
            throw new ConfigurationException(p + "gssapi.keytab", null, "is required when other gssapi keys are set");
        }
        if (!serviceName.isEmpty() && !serviceName.matches("[a-z][a-z0-9-]*")) {
            throw new ConfigurationException(
                    p + "gssapi.service-name", serviceName, "expected a lower-case service name such as imap");
        }
        if (!keytab.isEmpty()) {
            saslApply(
                    () -> b.gssapi(
                            new SaslSettings.Gssapi(serviceName, principal, java.nio.file.Path.of(keytab), realms)),
                    p + "gssapi.keytab",
                    keytab);
        }
        String o = p + "oauth.";
        String verifier = string(o + "verifier", "");
        boolean anyOauth = List.of("issuer", "audience", "key-file", "claim", "clock-skew").stream()
                .anyMatch(k -> raw(o + k) != null);
        if (verifier.isEmpty() && anyOauth) {
            throw new ConfigurationException(o + "verifier", null, "is required when other oauth keys are set");
        }
        if (!verifier.isEmpty()) {
            String keyFile = string(o + "key-file", "");
            String claim = string(o + "claim", SaslSettings.OAuth.DEFAULT_CLAIM);
            Duration skew = duration(o + "clock-skew", SaslSettings.OAuth.DEFAULT_CLOCK_SKEW);
            saslApply(
                    () -> b.oauth(new SaslSettings.OAuth(
                            verifier,
                            string(o + "issuer", ""),
                            string(o + "audience", ""),
                            keyFile.isEmpty()
                                    ? java.util.Optional.empty()
                                    : java.util.Optional.of(java.nio.file.Path.of(keyFile)),
                            claim,
                            skew)),
                    o + "verifier",
                    verifier);
        }
        return b.build();
    }

    /**
     * Runs a setter of the SASL settings; their messages start with the key below {@code system.advanced.sasl}
     * ({@code oauth.issuer: ...}), which becomes the key of the exception, with that key's raw value.
     */
    private void saslApply(Runnable setter, String fallbackKey, String fallbackValue) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            Matcher m = Pattern.compile("([a-z-]+\\.[A-Za-z0-9._-]+): (.*)", Pattern.DOTALL)
                    .matcher(message);
            if (m.matches()) {
                String key = "system.advanced.sasl." + m.group(1);
                String realms = "system.advanced.sasl.gssapi.realms.";
                String value = key.startsWith(realms)
                        ? raw(realms + key.substring(realms.length()).replace(".", ".."))
                        : raw(key);
                throw new ConfigurationException(key, value, m.group(2), e);
            }
            throw new ConfigurationException(fallbackKey, fallbackValue, message, e);
        }
    }

    private AuthSettings auth() {
        String p = "system.auth.";
        AuthSettings.Builder a = AuthSettings.builder();
        String level = string(p + "logging", "summary");
        apply(p + "logging", () -> a.logLevel(LogLevel.parse(level)), level);
        a.disablePlain(bool(p + "disable-plain", false));
        a.plainWithoutTls(bool(p + "plain-without-tls", false));
        a.loginWithEmail(bool(p + "login-with-email", true));
        String primary = string(p + "primary-domain", "");
        apply(p + "primary-domain", () -> a.primaryDomain(primary), primary);
        AuthSettings defaults = AuthSettings.defaults();
        a.threads(integer(p + "threads", defaults.threads(), 1, 256));
        a.queue(integer(p + "queue", defaults.queue(), 1, 1_000_000));
        String l = p + "login-policy.";
        a.maxAccountFailures(integer(l + "account-failures", defaults.maxAccountFailures(), 0, 10_000));
        a.maxIpFailures(integer(l + "ip-failures", defaults.maxIpFailures(), 0, 1_000_000));
        a.trackedKeys(integer(l + "tracked", defaults.trackedKeys(), 100, 10_000_000));
        Duration window = duration(l + "window", defaults.failureWindow());
        apply(l + "window", () -> a.failureWindow(window), raw(l + "window"));
        Duration block = duration(l + "block", defaults.blockDuration());
        apply(l + "block", () -> a.blockDuration(block), raw(l + "block"));
        return a.build();
    }

    private PasswordSettings passwords() {
        String p = "system.auth.password.";
        PasswordSettings d = PasswordSettings.defaults();
        PasswordSettings.Builder b = PasswordSettings.builder();
        String algorithm = string(p + "algorithm", d.algorithm().id());
        apply(p + "algorithm", () -> b.algorithm(PasswordAlgorithm.parse(algorithm)), algorithm);
        b.argon2MemoryKib(integer(p + "argon2.memory-kib", d.argon2MemoryKib(), 8, 4 * 1024 * 1024));
        b.argon2Iterations(integer(p + "argon2.iterations", d.argon2Iterations(), 1, 100));
        b.argon2Parallelism(integer(p + "argon2.parallelism", d.argon2Parallelism(), 1, 64));
        b.pbkdf2Iterations(integer(p + "pbkdf2.iterations", d.pbkdf2Iterations(), 1000, 10_000_000));
        b.scramIterations(integer(p + "scram.iterations", d.scramIterations(), 0, 10_000_000));
        boolean reversible = bool(p + "reversible.enabled", false);
        b.storeReversible(reversible);
        String key = string(p + "reversible.key", "");
        if (!key.isEmpty()) {
            // the value is a secret: never part of an error message
            apply(p + "reversible.key", () -> b.reversibleKey(key));
        }
        PasswordSettings[] built = new PasswordSettings[1];
        apply(reversible ? p + "reversible.key" : p + "argon2.memory-kib", () -> built[0] = b.build());
        return built[0];
    }

    private DirectoryBindSettings directoryBind() {
        java.util.Map<String, DirectoryBindSettings.Server> sources = new java.util.LinkedHashMap<>();
        for (String source : children("system.auth.directory")) {
            String p = "system.auth.directory." + source + ".";
            List<String> urls = list(p + "urls");
            Duration timeout = duration(p + "timeout", Duration.ofSeconds(10));
            apply(
                    p + "urls",
                    () -> sources.put(source, new DirectoryBindSettings.Server(urls, timeout)),
                    String.join(",", urls));
        }
        return new DirectoryBindSettings(sources);
    }

    private Set<String> serviceNames() {
        Set<String> names = new LinkedHashSet<>(children("system.services"));
        names.remove("all");
        for (String known : knownServices.keySet()) {
            String prefix = "system.services." + known + ".";
            boolean overridden = properties.keySet().stream().anyMatch(k -> k.startsWith("P:" + prefix))
                    || environment.keySet().stream().anyMatch(k -> k.startsWith(envName(prefix)));
            if (overridden) {
                names.add(known);
            }
        }
        return names;
    }

    private TlsSettings tls() {
        String t = "system.advanced.protocol.tls.";
        String c = "system.certificates.";
        TlsSettings.Builder b = TlsSettings.builder();
        b.enabled(bool(t + "enabled", true));
        List<String> protocols = list(t + "protocols");
        if (!protocols.isEmpty()) {
            apply(t + "protocols", () -> b.protocols(protocols), String.join(",", protocols));
        }
        List<String> ciphers = list(t + "ciphers");
        if (!ciphers.isEmpty()) {
            apply(t + "ciphers", () -> b.ciphers(ciphers), String.join(",", ciphers));
        }
        String engine = string(t + "engine", "auto");
        apply(t + "engine", () -> b.engine(TlsSettings.Engine.parse(engine)), engine);
        Duration handshake = duration(t + "handshake-timeout", TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT);
        apply(t + "handshake-timeout", () -> b.handshakeTimeout(handshake), handshake.toString());
        b.defaultCertificate(string(c + "default", ""));
        b.caDirectory(string(c + "ca-directory", ""));
        b.reloadInterval(duration(c + "reload-interval", TlsSettings.DEFAULT_RELOAD_INTERVAL));
        List<HierarchicalConfiguration<ImmutableNode>> entries = yaml.configurationsAt(c + "server");
        for (int i = 0; i < entries.size(); i++) {
            String key = c + "server[" + i + "]";
            HierarchicalConfiguration<ImmutableNode> node = entries.get(i);
            String ip = node.getString("ip", "");
            String file = node.getString("file", "");
            String keyFile = node.getString("key-file", "");
            apply(key, () -> b.certificate(new CertificateEntry(ip, file, keyFile)), ip + " " + file);
        }
        TlsSettings[] built = new TlsSettings[1];
        apply("system.advanced.protocol.tls", () -> built[0] = b.build());
        return built[0];
    }

    private StoreChoice store(String kind) {
        String p = "system.storage." + kind + ".";
        String provider = string(p + "provider", "memory");
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        for (String option : children(p + "options")) {
            options.put(option, string(p + "options." + option, ""));
        }
        try {
            return StoreChoice.of(provider, options);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(p + "provider", provider, e.getMessage());
        }
    }

    private ServiceConfig service(String name) {
        String p = SERVICES + name + ".";
        try {
            ServiceConfig.requireName("name", name);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(SERVICES + name, name, e.getMessage());
        }
        ServiceConfig.Builder s = ServiceConfig.builder(name);
        apply(p + "type", () -> s.type(string(p + "type", name)));
        String module = string(p + "module", "");
        if (!module.isEmpty()) {
            apply(p + "module", () -> s.module(module));
        }
        // A section in the file enables its service; one made only by overrides keeps the type's default.
        boolean inFile = children("system.services").contains(name);
        s.enabled(bool(p + "enabled", inFile || knownServices.getOrDefault(name, false)));
        List<String> ports = list(p + "ports");
        List<Integer> parsed = new ArrayList<>();
        for (String port : ports) {
            parsed.add(parseInt(p + "ports", port, 0, 65535));
        }
        apply(p + "ports", () -> s.ports(parsed.toArray(Integer[]::new)));
        List<HierarchicalConfiguration<ImmutableNode>> bindings = yaml.configurationsAt(p + "bindings");
        for (int i = 0; i < bindings.size(); i++) {
            s.binding(binding(p + "bindings[" + i + "]", bindings.get(i)));
        }
        boolean restrict = bool(p + "access.restrict", false);
        AccessRule.Type type = accessType(p + "access.type");
        String addresses = string(p + "access.addresses", "");
        s.access(new AccessSettings(restrict, type, addresses));
        String l = p + "limits.";
        Limits limits = new Limits(
                integer(l + "max-incoming", 0, 0, Integer.MAX_VALUE),
                integer(l + "max-outgoing", 0, 0, Integer.MAX_VALUE),
                integer(l + "bandwidth-kbps", 0, 0, Integer.MAX_VALUE / 1024),
                integer(l + "alert-connections-multiplier", 0, 0, 1000),
                integer(l + "alert-data-multiplier", 0, 0, 1000));
        s.limits(limits);
        String level = string(p + "logging", "summary");
        apply(p + "logging", () -> s.logging(LogLevel.parse(level)), level);
        serviceOptions(p + "options", s);
        ServiceConfig[] built = new ServiceConfig[1];
        apply(SERVICES + name, () -> built[0] = s.build());
        return built[0];
    }

    private Binding binding(String key, HierarchicalConfiguration<ImmutableNode> node) {
        String ip = node.getString("ip", Binding.ANY);
        String portText = node.getString("port");
        if (portText == null) {
            throw new ConfigurationException(key + ".port", null, "is required for a binding");
        }
        int port = parseInt(key + ".port", portText, 0, 65535);
        boolean tls = parseBool(key + ".tls", node.getString("tls", "false"));
        boolean verify =
                parseBool(key + ".require-peer-certificate", node.getString("require-peer-certificate", "false"));
        String certificate = node.getString("certificate", "");
        String caFile = node.getString("ca-file", "");
        if (verify && !tls) {
            throw new ConfigurationException(
                    key + ".require-peer-certificate", "true", "needs tls: true (peers are verified during TLS)");
        }
        try {
            return new Binding(ip, port, tls, certificate, verify, caFile);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ".ip", ip, e.getMessage());
        }
    }

    private AccessRule.Type accessType(String key) {
        String v = string(key, "deny");
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "grant" -> AccessRule.Type.GRANT;
            case "deny" -> AccessRule.Type.DENY;
            default -> throw new ConfigurationException(key, v, "expected grant or deny");
        };
    }

    /** Copies {@code <service>.options.*} (file keys and system-property overrides) into the builder, lists joined. */
    private void serviceOptions(String prefix, ServiceConfig.Builder s) {
        Set<String> keys = new java.util.TreeSet<>();
        for (Iterator<String> it = yaml.getKeys(prefix); it.hasNext(); ) {
            keys.add(it.next());
        }
        for (String k : properties.keySet()) {
            if (k.startsWith("P:" + prefix + ".")) {
                keys.add(k.substring(2));
            }
        }
        for (String key : keys) {
            String option = key.substring(prefix.length() + 1);
            String value = properties.get("P:" + key);
            if (value == null) {
                value = environment.get(envName(key));
            }
            if (value == null) {
                List<String> parts = new ArrayList<>();
                for (Object o : yaml.getList(key)) {
                    if (o != null) {
                        parts.add(o.toString().trim());
                    }
                }
                value = String.join(",", parts);
            }
            String v = value;
            apply(key, () -> s.option(option, v), v);
        }
    }

    // ---- the schema check

    private void rejectUnknownKeys() {
        for (Iterator<String> it = yaml.getKeys(); it.hasNext(); ) {
            String key = it.next();
            boolean known = KNOWN_KEYS.stream().anyMatch(p -> p.matcher(key).matches());
            if (!known) {
                throw new ConfigurationException(key, null, "unknown key in " + source + hint(key));
            }
        }
    }

    private static String hint(String key) {
        Matcher m = Pattern.compile("system\\.services\\.([^.]+)\\..*").matcher(key);
        if (m.matches() && !m.group(1).matches("[a-z][a-z0-9-]*")) {
            return " (service names are lower-case letters, digits and '-')";
        }
        return "";
    }

    // ---- typed values with overrides

    /** The raw value of a scalar key: system property, environment, then file; {@code null} when absent. */
    private String raw(String key) {
        String v = properties.get("P:" + key);
        if (v == null) {
            v = environment.get(envName(key));
        }
        if (v == null) {
            v = yaml.getString(key);
        }
        return v;
    }

    private List<String> list(String key) {
        String v = properties.get("P:" + key);
        if (v == null) {
            v = environment.get(envName(key));
        }
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        for (Object o : yaml.getList(key)) {
            if (o != null) {
                out.add(o.toString().trim());
            }
        }
        return out;
    }

    private List<String> children(String key) {
        List<String> names = new ArrayList<>();
        for (HierarchicalConfiguration<ImmutableNode> child : yaml.childConfigurationsAt(key)) {
            names.add(child.getRootElementName());
        }
        return names;
    }

    static String envName(String key) {
        StringBuilder sb = new StringBuilder("ICEWARP_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    private String string(String key, String def) {
        String v = raw(key);
        return v == null ? def : v.trim();
    }

    private boolean bool(String key, boolean def) {
        String v = raw(key);
        return v == null ? def : parseBool(key, v);
    }

    private static boolean parseBool(String key, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, v, "expected true or false");
        };
    }

    private int integer(String key, int def, int min, int max) {
        String v = raw(key);
        return v == null ? def : parseInt(key, v, min, max);
    }

    private static int parseInt(String key, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ConfigurationException(key, v, "expected an integer from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, v, "expected an integer from " + min + " to " + max);
        }
    }

    private Duration duration(String key) {
        return duration(key, ServerConfig.DEFAULT_RELOAD_INTERVAL);
    }

    private Duration duration(String key, Duration def) {
        String v = raw(key);
        if (v == null) {
            return def;
        }
        Matcher m = DURATION.matcher(v.trim());
        if (!m.matches()) {
            throw new ConfigurationException(
                    key, v, "expected a duration such as 500ms, 2s, 1m or 1h (0 turns it off)");
        }
        try {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (d.compareTo(Duration.ofDays(1)) > 0) {
                throw new ConfigurationException(key, v, "expected at most one day");
            }
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException(key, v, "is too large; expected at most one day");
        }
    }

    private static void apply(String key, Runnable setter) {
        apply(key, setter, null);
    }

    private static void apply(String key, Runnable setter, String value) {
        try {
            setter.run();
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, value, e.getMessage(), e);
        }
    }
}
