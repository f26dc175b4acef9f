package org.icewarp.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The server's TLS policy and certificates: the seed's "Advanced – Protocol – Enable SSL/TLS" and the "Certificates"
 * node. Keys under {@code system.advanced.protocol.tls} and {@code system.certificates}.
 *
 * @param enabled the global switch; off, no TLS binding is opened and no protocol offers STARTTLS
 * @param protocols the TLS versions offered, for example {@code TLSv1.3} and {@code TLSv1.2}
 * @param ciphers the cipher suites offered, IANA (Java) names, in order of preference; suites the engine does not
 *     know are dropped
 * @param engine the TLS implementation
 * @param defaultCertificate PEM file of the {@code [Default]} certificate (key and chain), or {@code ""} for the one
 *     the server generates on first start in {@code <data>/config/default-certificate.pem}
 * @param certificates the server certificate list: bound to an IP, or chosen by SNI
 * @param caDirectory the CA store, a directory of PEM files, or {@code ""} for {@code <data>/config/ca}
 * @param reloadInterval how often certificate files and the CA store are checked for changes; zero turns it off
 * @param handshakeTimeout how long a client has, from the moment it connects to a TLS binding (or answers STARTTLS),
 *     to finish the TLS handshake; a connection that has not is closed
 */
public record TlsSettings(
        boolean enabled,
        List<String> protocols,
        List<String> ciphers,
        Engine engine,
        String defaultCertificate,
        List<CertificateEntry> certificates,
        String caDirectory,
        Duration reloadInterval,
        Duration handshakeTimeout) {

    /** TLS 1.3 and 1.2: the versions without known protocol weaknesses (RFC 8996 deprecates 1.0 and 1.1). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Forward-secret AEAD suites only: the TLS 1.3 suites, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2
     * (the shape of Mozilla's "intermediate" profile).
     */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** The default time a client has to finish the TLS handshake. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The default interval at which certificate files are checked. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);

    private static final List<String> KNOWN_PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final Pattern CIPHER = Pattern.compile("[A-Za-z0-9_-]+");

    /** The TLS implementation. */
    public enum Engine {
        /** OpenSSL (BoringSSL through netty-tcnative) when it loads on this machine, else the JDK's. */
        AUTO,
        /** OpenSSL through netty-tcnative; the server does not start when it cannot be loaded. */
        OPENSSL,
        /** The JDK's own TLS. */
        JDK;

        /** Parses {@code auto}, {@code openssl} or {@code jdk}. */
        public static Engine parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "openssl" -> OPENSSL;
                case "jdk" -> JDK;
                default -> throw new IllegalArgumentException("engine '" + text + "' is not one of auto, openssl, jdk");
            };
        }
    }

    /** Validates and copies the fields. */
    public TlsSettings {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(defaultCertificate, "defaultCertificate");
        Objects.requireNonNull(caDirectory, "caDirectory");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        checkProtocols(protocols);
        checkCiphers(ciphers);
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException("reloadInterval must not be negative, was " + reloadInterval);
        }
        checkHandshakeTimeout(handshakeTimeout);
    }

    private static Duration checkHandshakeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "handshakeTimeout");
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(
                    "handshake timeout must be 100ms to 10m, was " + timeout.toMillis() + "ms");
        }
        return timeout;
    }

    private static void checkProtocols(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must name at least one TLS version");
        }
        for (String p : protocols) {
            if (!KNOWN_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("protocol '" + p + "' is not one of " + KNOWN_PROTOCOLS);
            }
        }
    }

    private static void checkCiphers(List<String> ciphers) {
        if (ciphers.isEmpty()) {
            throw new IllegalArgumentException("ciphers must name at least one cipher suite");
        }
        for (String c : ciphers) {
            if (!CIPHER.matcher(c).matches()) {
                throw new IllegalArgumentException("cipher '" + c + "' is not a cipher suite name");
            }
        }
    }

    /** TLS on, TLS 1.3 and 1.2, the modern cipher list, engine {@code auto}, generated default certificate. */
    public static TlsSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.protocols = protocols;
        b.ciphers = ciphers;
        b.engine = engine;
        b.defaultCertificate = defaultCertificate;
        b.certificates = new ArrayList<>(certificates);
        b.caDirectory = caDirectory;
        b.reloadInterval = reloadInterval;
        b.handshakeTimeout = handshakeTimeout;
        return b;
    }

    /** Builds {@link TlsSettings}; {@link #build()} validates. */
    public static final class Builder {
        private boolean enabled = true;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> ciphers = DEFAULT_CIPHERS;
        private Engine engine = Engine.AUTO;
        private String defaultCertificate = "";
        private List<CertificateEntry> certificates = new ArrayList<>();
        private String caDirectory = "";
        private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

        private Builder() {}

        /** The global switch; default on. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The TLS versions; default TLS 1.3 and 1.2. */
        public Builder protocols(List<String> protocols) {
            List<String> copy = List.copyOf(protocols);
            checkProtocols(copy);
            this.protocols = copy;
            return this;
        }

        /** The cipher suites; default {@link #DEFAULT_CIPHERS}. */
        public Builder ciphers(List<String> ciphers) {
            List<String> copy = List.copyOf(ciphers);
            checkCiphers(copy);
            this.ciphers = copy;
            return this;
        }

        /** The engine; default {@link Engine#AUTO}. */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The {@code [Default]} certificate file; default {@code ""}, generated. */
        public Builder defaultCertificate(String file) {
            this.defaultCertificate = Objects.requireNonNull(file, "defaultCertificate");
            return this;
        }

        /** Adds a server certificate. */
        public Builder certificate(CertificateEntry entry) {
            certificates.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /** Replaces the server certificate list. */
        public Builder certificates(List<CertificateEntry> entries) {
            this.certificates = new ArrayList<>(entries);
            return this;
        }

        /** The CA store directory; default {@code ""}, {@code <data>/config/ca}. */
        public Builder caDirectory(String directory) {
            this.caDirectory = Objects.requireNonNull(directory, "caDirectory");
            return this;
        }

        /** How often certificate files are checked; default 2 s; zero turns checking off. */
        public Builder reloadInterval(Duration interval) {
            Objects.requireNonNull(interval, "reloadInterval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("reloadInterval must not be negative, was " + interval);
            }
            this.reloadInterval = interval;
            return this;
        }

        /** How long a client has to finish the TLS handshake; default 10 s, 100 ms to 10 min. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = checkHandshakeTimeout(timeout);
            return this;
        }

        /** Validates and builds. */
        public TlsSettings build() {
            return new TlsSettings(
                    enabled,
                    protocols,
                    ciphers,
                    engine,
                    defaultCertificate,
                    certificates,
                    caDirectory,
                    reloadInterval,
                    handshakeTimeout);
        }
    }
}
