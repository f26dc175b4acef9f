package org.icewarp.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed, validating reader over a service's protocol options ({@code system.services.<name>.options.*}). Every
 * error is a {@link ConfigurationException} naming the full key and the bad value, so an operator sees which line of
 * the file to fix. Protocols read their options once, when the service starts, and call {@link #rejectUnknown} with
 * the keys they know, so a misspelt option fails the start instead of being silently ignored.
 *
 * <p>Value syntax: booleans {@code true}/{@code false}; integers in decimal; sizes as bytes with an optional
 * {@code K}, {@code M} or {@code G} suffix (powers of 1024); durations as {@code 500ms}, {@code 30s}, {@code 5m} or
 * {@code 1h} (a bare number is seconds); lists separated by commas or semicolons.
 */
public final class ServiceOptions {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([kKmMgG]?)[bB]?");

    private final String prefix;
    private final Map<String, String> values;

    ServiceOptions(String prefix, Map<String, String> values) {
        this.prefix = prefix;
        this.values = values;
    }

    /** The full key of an option, as errors name it. */
    public String key(String option) {
        return prefix + option;
    }

    /** Whether the option is set. */
    public boolean has(String option) {
        return values.containsKey(option);
    }

    /** The option as text, or {@code def} when it is not set. */
    public String string(String option, String def) {
        String v = values.get(option);
        return v == null ? def : v.trim();
    }

    /** The option as a boolean. */
    public boolean bool(String option, boolean def) {
        String v = values.get(option);
        if (v == null) {
            return def;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key(option), v, "expected true or false");
        };
    }

    /** The option as an integer from {@code min} to {@code max}. */
    public int integer(String option, int def, int min, int max) {
        String v = values.get(option);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new ConfigurationException(key(option), v, "expected an integer from " + min + " to " + max);
    }

    /** The option as a byte size from {@code min} to {@code max} ({@code 10M} is 10 MiB). */
    public long size(String option, long def, long min, long max) {
        String v = values.get(option);
        if (v == null) {
            return def;
        }
        Matcher m = SIZE.matcher(v.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                default -> 0;
            };
            if (n <= (Long.MAX_VALUE >> shift)) {
                long bytes = n << shift;
                if (bytes >= min && bytes <= max) {
                    return bytes;
                }
            }
        }
        throw new ConfigurationException(
                key(option), v, "expected a size from " + min + " to " + max + " bytes (suffix K, M or G allowed)");
    }

    /** The option as a duration from {@code min} to {@code max}. */
    public Duration duration(String option, Duration def, Duration min, Duration max) {
        String v = values.get(option);
        if (v == null) {
            return def;
        }
        Matcher m = DURATION.matcher(v.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
                return d;
            }
        }
        throw new ConfigurationException(
                key(option), v, "expected a duration such as 500ms, 30s, 5m or 1h, from " + min + " to " + max);
    }

    /** The option as a list (comma- or semicolon-separated, blanks dropped), or {@code def}. */
    public List<String> list(String option, List<String> def) {
        String v = values.get(option);
        if (v == null) {
            return def;
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split("[,;]")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    /** One of {@code allowed} (case-insensitive, returned lower-case). */
    public String choice(String option, String def, Set<String> allowed) {
        String v = values.get(option);
        if (v == null) {
            return def;
        }
        String lower = v.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new ConfigurationException(key(option), v, "expected one of " + new TreeSet<>(allowed));
        }
        return lower;
    }

    /**
     * Fails on the first option that is not in {@code known}.
     *
     * @throws ConfigurationException naming the unknown key
     */
    public void rejectUnknown(Set<String> known) {
        Objects.requireNonNull(known, "known");
        for (String option : values.keySet()) {
            if (!known.contains(option)) {
                throw new ConfigurationException(
                        key(option), values.get(option), "unknown option; known options are " + new TreeSet<>(known));
            }
        }
    }
}
