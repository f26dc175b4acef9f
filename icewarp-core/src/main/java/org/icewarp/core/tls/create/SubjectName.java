package org.icewarp.core.tls.create;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject of a certificate or signing request: the seed's "Create CSR / Server Certificate" fields.
 *
 * <p>Only the common name is required. An optional field that is empty is left out of the name. Whitespace around
 * every value is removed; a value may not contain control characters. The limits are those of RFC 5280 Appendix A
 * ({@code ub-common-name} and friends):
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>attribute</th><th>rule</th></tr>
 *   <tr><td>{@code commonName}</td><td>CN</td><td>required, at most 64 characters; for a server certificate the
 *       fully qualified host name</td></tr>
 *   <tr><td>{@code country}</td><td>C</td><td>two letters (ISO 3166 alpha-2, stored upper-case; not checked against the
 *       list, so the seed's {@code EN} passes)</td></tr>
 *   <tr><td>{@code state}</td><td>ST</td><td>at most 128 characters</td></tr>
 *   <tr><td>{@code city}</td><td>L</td><td>at most 128 characters</td></tr>
 *   <tr><td>{@code organization}</td><td>O</td><td>at most 64 characters</td></tr>
 *   <tr><td>{@code unit}</td><td>OU</td><td>at most 64 characters</td></tr>
 *   <tr><td>{@code email}</td><td>emailAddress</td><td>an ASCII address {@code local@domain}, at most 255
 *       characters</td></tr>
 * </table>
 *
 * <p>The name is encoded in the customary order C, ST, L, O, OU, CN, emailAddress, with the country as a
 * PrintableString, the e-mail address as an IA5String and the rest as UTF8String (RFC 5280 section 4.1.2.6).
 *
 * @param commonName the common name; never empty
 * @param country the two-letter country code in upper case, or empty
 * @param state the state or province, or empty
 * @param city the city (locality), or empty
 * @param organization the organisation, or empty
 * @param unit the organisational unit, or empty
 * @param email the e-mail address, or empty
 */
public record SubjectName(
        String commonName, String country, String state, String city, String organization, String unit, String email) {

    /**
     * Validates and normalises the fields.
     *
     * @throws NullPointerException if a component is null (use {@code ""} for an absent optional field)
     * @throws InvalidFieldException naming the first invalid field
     */
    public SubjectName {
        commonName = check("commonName", commonName);
        if (commonName.isEmpty()) {
            throw new InvalidFieldException("commonName", "is required (the server's fully qualified host name)");
        }
        country = check("country", country);
        state = check("state", state);
        city = check("city", city);
        organization = check("organization", organization);
        unit = check("unit", unit);
        email = check("email", email);
    }

    /**
     * Returns a name with only a common name.
     *
     * @param commonName the common name; must not be null
     * @return the name; never null
     * @throws InvalidFieldException if the common name is empty or too long
     */
    public static SubjectName of(String commonName) {
        return new SubjectName(commonName, "", "", "", "", "", "");
    }

    /**
     * Returns the name as a JDK principal, for comparisons with certificates.
     *
     * @return the principal; never null
     */
    public X500Principal principal() {
        try {
            return new X500Principal(x500Name().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    X500Name x500Name() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        add(b, BCStyle.C, country);
        add(b, BCStyle.ST, state);
        add(b, BCStyle.L, city);
        add(b, BCStyle.O, organization);
        add(b, BCStyle.OU, unit);
        add(b, BCStyle.CN, commonName);
        add(b, BCStyle.EmailAddress, email);
        return b.build();
    }

    private static void add(X500NameBuilder b, org.bouncycastle.asn1.ASN1ObjectIdentifier type, String value) {
        if (!value.isEmpty()) {
            b.addRDN(type, value);
        }
    }

    /**
     * Checks one field: strips surrounding whitespace, checks the length, the characters and the field's own rule.
     *
     * @return the normalised value, possibly empty
     */
    static String check(String field, String value) {
        Objects.requireNonNull(value, field);
        String v = value.strip();
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(field, "contains a control character");
        }
        int max = switch (field) {
            case "commonName", "organization", "unit" -> 64;
            case "state", "city" -> 128;
            case "email" -> 255;
            case "country" -> 2;
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
        if (field.equals("country")) {
            v = v.toUpperCase(Locale.ROOT);
            if (!v.isEmpty() && !v.matches("[A-Z]{2}")) {
                throw new InvalidFieldException(field, "'" + value + "' is not a two-letter country code (ISO 3166)");
            }
        } else if (v.codePointCount(0, v.length()) > max) {
            throw new InvalidFieldException(field, "is longer than " + max + " characters");
        } else if (field.equals("email") && !v.isEmpty() && !SubjectAltName.isEmailAddress(v)) {
            throw new InvalidFieldException(field, "'" + value + "' is not an e-mail address (local@domain)");
        }
        return v;
    }
}
