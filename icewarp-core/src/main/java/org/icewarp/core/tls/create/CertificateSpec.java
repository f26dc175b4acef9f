package org.icewarp.core.tls.create;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to put in a certificate or signing request: the key type, the validity, the subject and the subject
 * alternative names, and whether it is a certificate authority. Build one with {@link #builder()}.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>rule</th></tr>
 *   <tr><td>{@code keyType}</td><td>{@link KeyType#RSA_2048}</td><td>see {@link KeyType#of(String, int)}</td></tr>
 *   <tr><td>{@code days}</td><td>365</td><td>1 to {@value #MAX_DAYS}; ignored for a signing request, whose validity
 *       the CA decides</td></tr>
 *   <tr><td>subject fields</td><td>only {@code commonName} is required</td><td>see {@link SubjectName}</td></tr>
 *   <tr><td>{@code subjectAltNames}</td><td>the common name, when it is a host name or an IP address</td><td>see
 *       below</td></tr>
 *   <tr><td>{@code certificateAuthority}</td><td>false</td><td>true makes a CA certificate (basic constraints
 *       CA:TRUE, key usage keyCertSign and cRLSign) instead of a server certificate</td></tr>
 * </table>
 *
 * <p>Clients check a server's name against the subject alternative names only (RFC 6125 section 6.4.4), so
 * {@link Builder#build()} adds the common name as the first DNS name (or IP address) unless it is already listed, it
 * is not a host name (a CA's "Example Root CA"), or {@link Builder#commonNameAsAltName(boolean)} turned this off.
 *
 * @param keyType the key pair to generate
 * @param days how long a certificate is valid from its creation
 * @param subject the subject name
 * @param subjectAltNames the subject alternative names, in order; may be empty
 * @param certificateAuthority whether this is a CA certificate
 */
public record CertificateSpec(
        KeyType keyType,
        int days,
        SubjectName subject,
        List<SubjectAltName> subjectAltNames,
        boolean certificateAuthority) {

    /** The longest validity accepted, in days (100 years). */
    public static final int MAX_DAYS = 36_500;

    /**
     * Checks the values and copies the list.
     *
     * @throws NullPointerException if a component is null
     * @throws InvalidFieldException naming {@code days} if it is not 1 to {@value #MAX_DAYS}
     */
    public CertificateSpec {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(subject, "subject");
        checkDays(days);
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /**
     * Starts a specification.
     *
     * @return a new builder with the defaults; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    private static int checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidFieldException("days", days + " is not a validity of 1 to " + MAX_DAYS + " days");
        }
        return days;
    }

    /**
     * Collects the options of a {@link CertificateSpec}. Each setter checks its value at once and throws an {@link
     * InvalidFieldException} naming the field; {@link #build()} requires a common name. Not thread-safe.
     */
    public static final class Builder {
        private KeyType keyType = KeyType.RSA_2048;
        private int days = 365;
        private String commonName = "";
        private String country = "";
        private String state = "";
        private String city = "";
        private String organization = "";
        private String unit = "";
        private String email = "";
        private final List<SubjectAltName> altNames = new ArrayList<>();
        private boolean commonNameAsAltName = true;
        private boolean certificateAuthority;

        private Builder() {}

        /**
         * Sets the key type (default RSA 2048).
         *
         * @param keyType the key type; must not be null
         * @return this builder
         */
        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /**
         * Sets the validity in days (default 365).
         *
         * @param days 1 to {@value CertificateSpec#MAX_DAYS}
         * @return this builder
         * @throws InvalidFieldException naming {@code days} otherwise
         */
        public Builder days(int days) {
            this.days = checkDays(days);
            return this;
        }

        /**
         * Sets the common name: the server's fully qualified host name. Required.
         *
         * @param commonName the name; must not be null
         * @return this builder
         * @throws InvalidFieldException naming {@code commonName} if it is too long or has control characters
         */
        public Builder commonName(String commonName) {
            this.commonName = SubjectName.check("commonName", commonName);
            return this;
        }

        /**
         * Sets the two-letter country code.
         *
         * @param country for example {@code CZ}; empty for none; must not be null
         * @return this builder
         * @throws InvalidFieldException naming {@code country} if it is not two letters
         */
        public Builder country(String country) {
            this.country = SubjectName.check("country", country);
            return this;
        }

        /**
         * Sets the state or province.
         *
         * @param state the state; empty for none; must not be null
         * @return this builder
         * @throws InvalidFieldException naming {@code state} if it is invalid
         */
        public Builder state(String state) {
            this.state = SubjectName.check("state", state);
            return this;
        }

        /**
         * Sets the city (locality).
         *
         * @param city the city; empty for none; must not be null
         * @return this builder
         * @throws InvalidFieldException naming {@code city} if it is invalid
         */
        public Builder city(String city) {
            this.city = SubjectName.check("city", city);
            return this;
        }

        /**
         * Sets the organisation.
         *
         * @param organization the company name; empty for none; must not be null
         * @return this builder
         * @throws InvalidFieldException naming {@code organization} if it is invalid
         */
        public Builder organization(String organization) {
            this.organization = SubjectName.check("organization", organization);
            return this;
        }

        /**
         * Sets the organisational unit.
         *
         * @param unit the unit; empty for none; must not be null
         * @return this builder
         * @throws InvalidFieldException naming {@code unit} if it is invalid
         */
        public Builder unit(String unit) {
            this.unit = SubjectName.check("unit", unit);
            return this;
        }

        /**
         * Sets the e-mail address of the subject name (the seed's "Email"; not a subject alternative name).
         *
         * @param email {@code local@domain}; empty for none; must not be null
         * @return this builder
         * @throws InvalidFieldException naming {@code email} if it is not an e-mail address
         */
        public Builder email(String email) {
            this.email = SubjectName.check("email", email);
            return this;
        }

        /**
         * Adds subject alternative names, after those added before.
         *
         * @param names the names; must not be null
         * @return this builder
         */
        public Builder subjectAltNames(List<SubjectAltName> names) {
            for (SubjectAltName n : names) {
                altNames.add(Objects.requireNonNull(n, "names"));
            }
            return this;
        }

        /**
         * Adds one subject alternative name.
         *
         * @param name the name; must not be null
         * @return this builder
         */
        public Builder subjectAltName(SubjectAltName name) {
            altNames.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Sets whether {@link #build()} adds the common name to the subject alternative names when it is a host name
         * or an IP address and not listed yet (default true).
         *
         * @param add whether to add it
         * @return this builder
         */
        public Builder commonNameAsAltName(boolean add) {
            this.commonNameAsAltName = add;
            return this;
        }

        /**
         * Sets whether the certificate is a certificate authority (default false). A CA's common name is never added
         * to the subject alternative names.
         *
         * @param ca whether it is a CA
         * @return this builder
         */
        public Builder certificateAuthority(boolean ca) {
            this.certificateAuthority = ca;
            return this;
        }

        /**
         * Builds the specification.
         *
         * @return the specification; never null
         * @throws InvalidFieldException naming {@code commonName} if none was set
         */
        public CertificateSpec build() {
            SubjectName subject = new SubjectName(commonName, country, state, city, organization, unit, email);
            List<SubjectAltName> names = new ArrayList<>(altNames);
            if (commonNameAsAltName && !certificateAuthority) {
                SubjectAltName cn = altNameOf(subject.commonName());
                if (cn != null && !names.contains(cn)) {
                    names.add(0, cn);
                }
            }
            return new CertificateSpec(keyType, days, subject, names, certificateAuthority);
        }

        private static SubjectAltName altNameOf(String cn) {
            try {
                return SubjectAltName.isIpLiteral(cn) ? SubjectAltName.ip(cn) : SubjectAltName.dns(cn);
            } catch (InvalidFieldException notAHostName) {
                return null;
            }
        }
    }
}
