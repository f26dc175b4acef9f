package org.icewarp.core.tls.destinations;

import java.util.Objects;

/**
 * Thrown when the text form of secure destinations cannot be read. The message starts with where the problem is
 * ({@code line 3: unknown key 'fingreprint' (subject, issuer, fingerprint)}, or {@code entry 2: ...} for a list of
 * entries); the location is also available from {@link #location()}.
 */
public class DestinationSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String location;

    DestinationSyntaxException(String location, String problem, Throwable cause) {
        super(Objects.requireNonNull(location, "location") + ": " + problem, cause);
        this.location = location;
    }

    /**
     * Returns where the problem is.
     *
     * @return for example {@code line 3} or {@code entry 2}; never null
     */
    public String location() {
        return location;
    }
}
