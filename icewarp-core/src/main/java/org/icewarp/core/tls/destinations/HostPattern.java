package org.icewarp.core.tls.destinations;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The host part of a secure destination: {@code *} (every host), {@code *.example.com} (every host below
 * {@code example.com}, at any depth, but not {@code example.com} itself), or one host name or IP address
 * ({@code mail.example.com}, {@code 192.0.2.25}, {@code 2001:db8::25} or {@code [2001:db8::25]}).
 *
 * <p>Names compare case-insensitively and a trailing dot is ignored; a pattern is stored lower-case. The
 * {@link #specificity()} orders patterns when several match one host: an exact name beats any wildcard, a wildcard
 * with more labels beats one with fewer ({@code *.mail.example.com} before {@code *.example.com}), and {@code *}
 * comes last, as with the seed's choice of the best matching certificate.
 *
 * @param pattern the normalised pattern
 */
public record HostPattern(String pattern) {
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

    /**
     * Checks and normalises the pattern.
     *
     * @throws NullPointerException if {@code pattern} is null
     * @throws IllegalArgumentException naming the pattern if it is not one of the three forms
     */
    public HostPattern {
        Objects.requireNonNull(pattern, "pattern");
        String p = normalise(pattern);
        String name = p.startsWith("*.") ? p.substring(2) : p;
        boolean ok = p.equals("*")
                || NAME.matcher(name).matches()
                || (p.equals(name) && IPV6.matcher(p).matches());
        if (!ok) {
            String why = p.indexOf('*') >= 0
                    ? "'*' may only be the whole pattern or its first label ('*.example.com')"
                    : "not a host name or IP address";
            throw new IllegalArgumentException("host pattern '" + pattern + "': " + why);
        }
        pattern = p;
    }

    /**
     * Parses a pattern.
     *
     * @param pattern {@code *}, {@code *.domain} or a host; must not be null
     * @return the pattern; never null
     * @throws IllegalArgumentException if it is none of these
     */
    public static HostPattern of(String pattern) {
        return new HostPattern(pattern);
    }

    /**
     * Decides whether a host falls under this pattern.
     *
     * @param host a host name or IP address, in any case, with or without a trailing dot; must not be null
     * @return whether it matches
     */
    public boolean matches(String host) {
        String h = normalise(Objects.requireNonNull(host, "host"));
        if (pattern.equals("*")) {
            return !h.isEmpty();
        }
        if (pattern.startsWith("*.")) {
            return h.endsWith(pattern.substring(1)) && h.length() > pattern.length() - 1;
        }
        return h.equals(pattern);
    }

    /**
     * Returns how specific the pattern is; among matching patterns the highest wins: {@code 0} for {@code *}, the
     * number of labels after {@code *.} for a wildcard, {@link Integer#MAX_VALUE} for an exact host.
     *
     * @return the specificity
     */
    public int specificity() {
        if (pattern.equals("*")) {
            return 0;
        }
        if (pattern.startsWith("*.")) {
            return (int) pattern.chars().filter(c -> c == '.').count();
        }
        return Integer.MAX_VALUE;
    }

    /** The pattern as written in rules. */
    @Override
    public String toString() {
        return pattern;
    }

    private static String normalise(String s) {
        String h = s.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".") && h.length() > 1) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
