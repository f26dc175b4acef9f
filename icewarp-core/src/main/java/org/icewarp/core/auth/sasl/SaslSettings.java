package org.icewarp.core.auth.sasl;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's SASL settings (the seed's System → Advanced → SASL section), shared by all services. Proposed
 * configuration keys are in the package documentation.
 *
 * @param enabled the ticked mechanisms, upper case
 * @param disablePlain "Disable plain authentication for all services": no mechanism that sends the password in
 *     clear-equivalent form (PLAIN, LOGIN) is offered or accepted, whatever {@code enabled} says
 * @param plaintextRequiresTls offer and accept PLAIN and LOGIN only over TLS
 * @param reversiblePasswords the account store can return clear passwords; without it CRAM-MD5, DIGEST-MD5 and NTLM
 *     are never offered
 * @param maxMessageSize the largest decoded client response accepted, in bytes
 * @param gssapi the Kerberos acceptor settings; GSSAPI is offered only when present
 */
public record SaslSettings(
        Set<String> enabled,
        boolean disablePlain,
        boolean plaintextRequiresTls,
        boolean reversiblePasswords,
        int maxMessageSize,
        Optional<Gssapi> gssapi) {

    /** Default of {@link #maxMessageSize()}: 12 KiB, room for a GSSAPI token with a large PAC. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 12_288;

    /** Mechanisms ticked by default: the ones that need nothing beyond a password store. */
    public static final Set<String> DEFAULT_ENABLED = Set.of("PLAIN", "LOGIN", "SCRAM-SHA-1", "SCRAM-SHA-256");

    /** @throws IllegalArgumentException if {@code maxMessageSize} is below 256 or a name is blank */
    public SaslSettings {
        TreeSet<String> names = new TreeSet<>();
        for (String name : Objects.requireNonNull(enabled, "enabled")) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("enabled: blank mechanism name");
            }
            names.add(name.toUpperCase(Locale.ROOT));
        }
        enabled = Set.copyOf(names);
        if (maxMessageSize < 256) {
            throw new IllegalArgumentException("max-message-size: must be at least 256, was " + maxMessageSize);
        }
        Objects.requireNonNull(gssapi, "gssapi");
    }

    /**
     * Returns the defaults: {@link #DEFAULT_ENABLED}, plain allowed without TLS, no reversible passwords, no GSSAPI.
     *
     * @return the defaults
     */
    public static SaslSettings defaults() {
        return builder().build();
    }

    /**
     * Returns a builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns whether the operator ticked a mechanism.
     *
     * @param mechanism the name, any case
     * @return true if enabled
     */
    public boolean isEnabled(String mechanism) {
        return enabled.contains(mechanism.toUpperCase(Locale.ROOT));
    }

    /**
     * Kerberos acceptor settings for GSSAPI (the seed's Kerberos/GSSAPI/SSO section). The server logs in from the
     * keytab through a JAAS configuration built in code; no {@code jaas.conf} is needed. The KDC and realm come from
     * the JVM's Kerberos configuration ({@code krb5.conf} or {@code java.security.krb5.conf}).
     *
     * @param serviceName the service part of the server principal ({@code imap}, {@code smtp}); empty to use each
     *     service's own protocol name
     * @param principal the acceptor principal to take from the keytab, for example {@code imap/mail.example.com@EXAMPLE.COM},
     *     or {@code *} for any key in the keytab
     * @param keytab the keytab file
     */
    public record Gssapi(String serviceName, String principal, Path keytab) {
        /** @throws IllegalArgumentException if {@code principal} is blank */
        public Gssapi {
            Objects.requireNonNull(serviceName, "serviceName");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(keytab, "keytab");
            if (principal.isBlank()) {
                throw new IllegalArgumentException("gssapi.principal: must not be blank");
            }
        }
    }

    /** Builds {@link SaslSettings}; every setter validates at once. */
    public static final class Builder {
        private final TreeSet<String> enabled = new TreeSet<>(DEFAULT_ENABLED);
        private boolean disablePlain;
        private boolean plaintextRequiresTls;
        private boolean reversiblePasswords;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private Gssapi gssapi;

        private Builder() {}

        /**
         * Ticks a mechanism.
         *
         * @param mechanism the name, any case
         * @return this builder
         */
        public Builder enable(String mechanism) {
            enabled.add(name(mechanism));
            return this;
        }

        /**
         * Unticks a mechanism.
         *
         * @param mechanism the name, any case
         * @return this builder
         */
        public Builder disable(String mechanism) {
            enabled.remove(name(mechanism));
            return this;
        }

        /**
         * Sets "disable plain authentication for all services".
         *
         * @param value the flag
         * @return this builder
         */
        public Builder disablePlain(boolean value) {
            disablePlain = value;
            return this;
        }

        /**
         * Sets whether PLAIN and LOGIN need TLS.
         *
         * @param value the flag
         * @return this builder
         */
        public Builder plaintextRequiresTls(boolean value) {
            plaintextRequiresTls = value;
            return this;
        }

        /**
         * Sets whether the account store can return clear passwords.
         *
         * @param value the flag
         * @return this builder
         */
        public Builder reversiblePasswords(boolean value) {
            reversiblePasswords = value;
            return this;
        }

        /**
         * Sets the largest decoded client response.
         *
         * @param bytes at least 256
         * @return this builder
         * @throws IllegalArgumentException if below 256
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 256) {
                throw new IllegalArgumentException("max-message-size: must be at least 256, was " + bytes);
            }
            maxMessageSize = bytes;
            return this;
        }

        /**
         * Sets the Kerberos acceptor settings.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder gssapi(Gssapi value) {
            gssapi = Objects.requireNonNull(value, "gssapi");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public SaslSettings build() {
            return new SaslSettings(
                    enabled,
                    disablePlain,
                    plaintextRequiresTls,
                    reversiblePasswords,
                    maxMessageSize,
                    Optional.ofNullable(gssapi));
        }

        private static String name(String mechanism) {
            Objects.requireNonNull(mechanism, "mechanism");
            if (mechanism.isBlank()) {
                throw new IllegalArgumentException("mechanism: must not be blank");
            }
            return mechanism.toUpperCase(Locale.ROOT);
        }
    }
}
