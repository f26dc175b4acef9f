package org.icewarp.core.tls.create;

import java.util.Objects;

/**
 * Thrown when a field of a certificate or signing request is invalid: a country that is not two letters, a validity
 * of zero days, an unsupported key size, an empty common name, a malformed subject alternative name.
 *
 * <p>The message starts with the field's name ({@code country: 'CZE' is not a two-letter country code}); the same name
 * is available from {@link #field()} so that a user interface can point at its own control for it.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidFieldException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": " + problem);
        this.field = field;
    }

    /**
     * Returns the name of the invalid field, one of {@code keyType}, {@code bits}, {@code days}, {@code country},
     * {@code state}, {@code city}, {@code organization}, {@code unit}, {@code email}, {@code commonName},
     * {@code subjectAltName}.
     *
     * @return the field name; never null
     */
    public String field() {
        return field;
    }
}
