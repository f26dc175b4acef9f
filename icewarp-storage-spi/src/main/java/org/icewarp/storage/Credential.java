package org.icewarp.storage;

import java.util.Objects;

/**
 * A credential record, opaque to storage: the authentication layer writes and reads it ({@code scheme} says how to
 * read {@code value}, for example a password hash format). Its {@link #toString()} never shows the value.
 *
 * @param scheme how the value is encoded
 * @param value the encoded credential
 */
public record Credential(String scheme, String value) {
    /** Validates. */
    public Credential {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(value, "value");
        if (scheme.isBlank()) {
            throw new IllegalArgumentException("credential scheme must not be blank");
        }
    }

    @Override
    public String toString() {
        return "Credential[" + scheme + ", ***]";
    }
}
