package org.icewarp.core.auth.sasl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.icewarp.storage.EmailAddress;

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
 * @param oauth which {@link TokenVerifier} checks bearer tokens (OAUTHBEARER, XOAUTH2) and the stock JWT verifier's
 *     settings; without it every token is refused
 */
public record SaslSettings(
        Set<String> enabled,
        boolean disablePlain,
        boolean plaintextRequiresTls,
        boolean reversiblePasswords,
        int maxMessageSize,
        Optional<Gssapi> gssapi,
        Optional<OAuth> oauth) {

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
        Objects.requireNonNull(oauth, "oauth");
    }

    /**
     * The settings without bearer-token configuration (the form before {@link #oauth()} existed).
     *
     * @param enabled the ticked mechanisms
     * @param disablePlain disable plain authentication for all services
     * @param plaintextRequiresTls PLAIN and LOGIN only over TLS
     * @param reversiblePasswords the store can return clear passwords
     * @param maxMessageSize the largest decoded client response
     * @param gssapi the Kerberos acceptor settings
     * @throws IllegalArgumentException as the canonical constructor
     */
    public SaslSettings(
            Set<String> enabled,
            boolean disablePlain,
            boolean plaintextRequiresTls,
            boolean reversiblePasswords,
            int maxMessageSize,
            Optional<Gssapi> gssapi) {
        this(
                enabled,
                disablePlain,
                plaintextRequiresTls,
                reversiblePasswords,
                maxMessageSize,
                gssapi,
                Optional.empty());
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
     * @param realms which mail domain a client principal's realm stands for ({@code EXAMPLE.COM} → {@code
     *     example.com}), keys upper case; a realm not listed maps to its own name in lower case
     */
    public record Gssapi(String serviceName, String principal, Path keytab, Map<String, String> realms) {
        /** @throws IllegalArgumentException if {@code principal} is blank or a realm or domain is invalid */
        public Gssapi {
            Objects.requireNonNull(serviceName, "serviceName");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(keytab, "keytab");
            if (principal.isBlank()) {
                throw new IllegalArgumentException("gssapi.principal: must not be blank");
            }
            TreeMap<String, String> map = new TreeMap<>();
            Objects.requireNonNull(realms, "realms").forEach((realm, domain) -> {
                if (realm.isBlank() || !realm.matches("[A-Za-z0-9._-]+")) {
                    throw new IllegalArgumentException("gssapi.realms: '" + realm + "' is not a Kerberos realm");
                }
                try {
                    map.put(realm.toUpperCase(Locale.ROOT), EmailAddress.requireDomain(domain.trim()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "gssapi.realms." + realm + ": '" + domain + "' is not a domain name", e);
                }
            });
            realms = Map.copyOf(map);
        }

        /**
         * The settings with the default realm rule only.
         *
         * @param serviceName the service part of the server principal, or empty
         * @param principal the acceptor principal, or {@code *}
         * @param keytab the keytab file
         */
        public Gssapi(String serviceName, String principal, Path keytab) {
            this(serviceName, principal, keytab, Map.of());
        }

        /**
         * The mail domain of a Kerberos realm: the mapped one, or the realm in lower case.
         *
         * @param realm the realm, any case
         * @return the domain
         */
        public String domainOf(String realm) {
            String r = Objects.requireNonNull(realm, "realm").toUpperCase(Locale.ROOT);
            return realms.getOrDefault(r, realm.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Bearer-token settings (OAUTHBEARER, XOAUTH2). {@code verifier} picks the {@link TokenVerifier} by id; the other
     * fields configure the stock JWT verifier (id {@value #JWT}) and are ignored by others.
     *
     * @param verifier the id of the token verifier: {@value #JWT}, or one registered on the authenticator or found
     *     through {@link java.util.ServiceLoader}
     * @param issuer the {@code iss} a token must carry; required for {@value #JWT}
     * @param audience a value the token's {@code aud} must contain; required for {@value #JWT}
     * @param keyFile a PEM file with the RSA or EC public key (RS256, ES256), or a file whose bytes are the shared
     *     secret (HS256, at least 32 bytes); required for {@value #JWT}
     * @param claim the claim holding the login name; a token without it falls back to {@code sub}
     * @param clockSkew how far {@code exp} and {@code nbf} may be off, 0 to 1 hour
     */
    public record OAuth(
            String verifier, String issuer, String audience, Optional<Path> keyFile, String claim, Duration clockSkew) {
        /** The id of the stock JWT verifier. */
        public static final String JWT = "jwt";
        /** Default of {@link #claim()}. */
        public static final String DEFAULT_CLAIM = "email";
        /** Default of {@link #clockSkew()}. */
        public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

        /** @throws IllegalArgumentException naming the key when a value is invalid or the JWT verifier lacks one */
        public OAuth {
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(clockSkew, "clockSkew");
            if (!verifier.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException(
                        "oauth.verifier: '" + verifier + "' is not a verifier id (lower-case letters, digits, . _ -)");
            }
            if (claim.isBlank()) {
                throw new IllegalArgumentException("oauth.claim: must not be blank");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("oauth.clock-skew: must be 0 to 1 hour, was " + clockSkew);
            }
            if (verifier.equals(JWT)) {
                if (keyFile.isEmpty()) {
                    throw new IllegalArgumentException("oauth.key-file: required by the jwt verifier");
                }
                if (issuer.isBlank()) {
                    throw new IllegalArgumentException("oauth.issuer: required by the jwt verifier");
                }
                if (audience.isBlank()) {
                    throw new IllegalArgumentException("oauth.audience: required by the jwt verifier");
                }
            }
        }

        /**
         * Settings that only name a verifier (one that needs none of the JWT fields).
         *
         * @param verifier the id
         * @return the settings
         */
        public static OAuth verifier(String verifier) {
            return new OAuth(verifier, "", "", Optional.empty(), DEFAULT_CLAIM, DEFAULT_CLOCK_SKEW);
        }

        /**
         * Settings of the stock JWT verifier with the default claim and clock skew.
         *
         * @param issuer the required {@code iss}
         * @param audience the required {@code aud}
         * @param keyFile the PEM public key or the HS256 secret file
         * @return the settings
         */
        public static OAuth jwt(String issuer, String audience, Path keyFile) {
            return new OAuth(
                    JWT,
                    issuer,
                    audience,
                    Optional.of(Objects.requireNonNull(keyFile, "keyFile")),
                    DEFAULT_CLAIM,
                    DEFAULT_CLOCK_SKEW);
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
        private OAuth oauth;

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
         * Sets the bearer-token settings.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder oauth(OAuth value) {
            oauth = Objects.requireNonNull(value, "oauth");
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
                    Optional.ofNullable(gssapi),
                    Optional.ofNullable(oauth));
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
