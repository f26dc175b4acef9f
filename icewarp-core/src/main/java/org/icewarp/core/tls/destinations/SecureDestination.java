package org.icewarp.core.tls.destinations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * One secure destination (the seed's "Secure Connection" dialog): a host pattern, for which TLS is mandatory, and
 * optionally the subject, issuer and fingerprint the peer's certificate must have.
 *
 * <p>Without subject, issuer and fingerprint the peer's chain must lead to a trusted CA ({@link #requiresTrustedCa()}).
 * With any of them, every one given must match the peer's own certificate (the first of its chain) and nothing else
 * is checked, as the seed says: no CA, no validity dates. A fingerprint pins that one certificate; a subject or issuer
 * alone is only a name, which anyone can put into a self-made certificate, so pin a fingerprint where it matters.
 *
 * <p>Subject and issuer are X.500 names in RFC 2253 (or RFC 1779) form, most specific first as in {@code
 * CN=mx.example.com,O=Example,C=CZ}; they match when equal after RFC 2253 canonicalisation ({@link
 * X500Principal#CANONICAL}: case, spacing and string types do not matter, the order of attributes does).
 *
 * <p>Immutable; equality follows the host pattern and the three conditions.
 */
public final class SecureDestination {
    private final HostPattern host;
    private final X500Principal subject;
    private final X500Principal issuer;
    private final Fingerprint fingerprint;

    private SecureDestination(Builder b) {
        this.host = b.host;
        this.subject = b.subject;
        this.issuer = b.issuer;
        this.fingerprint = b.fingerprint;
    }

    /**
     * Starts a rule for a host pattern.
     *
     * @param hostPattern {@code *}, {@code *.example.com} or {@code mail.example.com}; must not be null
     * @return a builder; never null
     * @throws IllegalArgumentException if the pattern is invalid
     */
    public static Builder forHost(String hostPattern) {
        return new Builder(HostPattern.of(hostPattern));
    }

    /**
     * The seed's Import: a rule for a host whose subject, issuer and SHA-256 fingerprint are those of the first
     * certificate in a PEM text (other blocks, such as a private key, are skipped).
     *
     * @param hostPattern the host pattern; must not be null
     * @param pem PEM text with at least one certificate; must not be null
     * @return the rule; never null
     * @throws IllegalArgumentException if the pattern is invalid or the text holds no readable certificate
     */
    public static SecureDestination importPem(String hostPattern, String pem) {
        return forHost(hostPattern).from(PemCertificates.first(pem)).build();
    }

    /**
     * The seed's Import from a {@code .pem} file; see {@link #importPem(String, String)}.
     *
     * @param hostPattern the host pattern; must not be null
     * @param file the PEM file; must not be null
     * @return the rule; never null
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the pattern is invalid or the file holds no readable certificate
     */
    public static SecureDestination importFile(String hostPattern, Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        try {
            return importPem(hostPattern, pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the host pattern.
     *
     * @return the pattern; never null
     */
    public HostPattern host() {
        return host;
    }

    /**
     * Returns the subject the peer's certificate must have.
     *
     * @return the subject, or empty if any subject will do
     */
    public Optional<X500Principal> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * Returns the issuer the peer's certificate must have.
     *
     * @return the issuer, or empty if any issuer will do
     */
    public Optional<X500Principal> issuer() {
        return Optional.ofNullable(issuer);
    }

    /**
     * Returns the fingerprint the peer's certificate must have.
     *
     * @return the fingerprint, or empty if any certificate will do
     */
    public Optional<Fingerprint> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    /**
     * Returns whether the rule names no subject, issuer or fingerprint, so that the peer's chain must lead to a
     * trusted CA instead.
     *
     * @return whether a trusted CA is required
     */
    public boolean requiresTrustedCa() {
        return subject == null && issuer == null && fingerprint == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecureDestination d
                && host.equals(d.host)
                && Objects.equals(subject, d.subject)
                && Objects.equals(issuer, d.issuer)
                && Objects.equals(fingerprint, d.fingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, subject, issuer, fingerprint);
    }

    /**
     * The rule as one line of the text form {@link SecureDestinations#parse(String)} reads, for example {@code
     * *.example.com subject="CN=mx.example.com,O=Example" fingerprint=3A:0F:...}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(host.pattern());
        if (subject != null) {
            sb.append(" subject=").append(RuleParser.quote(subject.getName(X500Principal.RFC2253)));
        }
        if (issuer != null) {
            sb.append(" issuer=").append(RuleParser.quote(issuer.getName(X500Principal.RFC2253)));
        }
        if (fingerprint != null) {
            sb.append(" fingerprint=").append(fingerprint);
        }
        return sb.toString();
    }

    /** Collects a rule's conditions; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private final HostPattern host;
        private X500Principal subject;
        private X500Principal issuer;
        private Fingerprint fingerprint;

        private Builder(HostPattern host) {
            this.host = host;
        }

        /**
         * Requires the peer certificate's subject.
         *
         * @param name an RFC 2253 name such as {@code CN=mx.example.com,O=Example}; empty for none; must not be null
         * @return this builder
         * @throws IllegalArgumentException naming {@code subject} if the name cannot be parsed
         */
        public Builder subject(String name) {
            this.subject = name("subject", name);
            return this;
        }

        /**
         * Requires the peer certificate's issuer.
         *
         * @param name an RFC 2253 name such as {@code CN=Example CA,O=Example}; empty for none; must not be null
         * @return this builder
         * @throws IllegalArgumentException naming {@code issuer} if the name cannot be parsed
         */
        public Builder issuer(String name) {
            this.issuer = name("issuer", name);
            return this;
        }

        /**
         * Requires the peer certificate's fingerprint.
         *
         * @param fingerprint SHA-256 or SHA-1 hex, see {@link Fingerprint#parse(String)}; empty for none; must not be
         *     null
         * @return this builder
         * @throws IllegalArgumentException naming the fingerprint if it cannot be parsed
         */
        public Builder fingerprint(String fingerprint) {
            Objects.requireNonNull(fingerprint, "fingerprint");
            this.fingerprint = fingerprint.isBlank() ? null : Fingerprint.parse(fingerprint);
            return this;
        }

        /**
         * Requires the peer certificate's fingerprint.
         *
         * @param fingerprint the fingerprint; must not be null
         * @return this builder
         */
        public Builder fingerprint(Fingerprint fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /**
         * Fills subject, issuer and SHA-256 fingerprint from a certificate (the seed's Import).
         *
         * @param certificate the certificate; must not be null
         * @return this builder
         */
        public Builder from(X509Certificate certificate) {
            Objects.requireNonNull(certificate, "certificate");
            this.subject = certificate.getSubjectX500Principal();
            this.issuer = certificate.getIssuerX500Principal();
            this.fingerprint = Fingerprint.of(certificate, Fingerprint.Algorithm.SHA_256);
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule; never null
         */
        public SecureDestination build() {
            return new SecureDestination(this);
        }

        private static X500Principal name(String field, String name) {
            Objects.requireNonNull(name, field);
            if (name.isBlank()) {
                return null;
            }
            try {
                return new X500Principal(name.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        field + " '" + name + "' is not an X.500 name such as CN=mx.example.com,O=Example: "
                                + e.getMessage(),
                        e);
            }
        }
    }
}
