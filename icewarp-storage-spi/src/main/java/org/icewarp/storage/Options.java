package org.icewarp.storage;

import java.util.Map;
import java.util.TreeMap;

/**
 * String-keyed options with typed reads, used for per-domain options and provider settings. Immutable.
 *
 * @param values the options as text
 */
public record Options(Map<String, String> values) {
    /** No options. */
    public static final Options EMPTY = new Options(Map.of());

    /** Copies the map (sorted, for stable output). */
    public Options {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Options from key-value pairs. */
    public static Options of(Map<String, String> values) {
        return new Options(values);
    }

    /** A text option, or {@code def}. */
    public String string(String key, String def) {
        return values.getOrDefault(key, def);
    }

    /**
     * An integer option, or {@code def}.
     *
     * @throws IllegalArgumentException naming the key and value when the value is not an integer
     */
    public long integer(String key, long def) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + ": '" + v + "' is not an integer");
        }
    }

    /**
     * A boolean option ({@code true} or {@code false}), or {@code def}.
     *
     * @throws IllegalArgumentException naming the key and value otherwise
     */
    public boolean bool(String key, boolean def) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option " + key + ": '" + v + "' is not true or false");
        };
    }

    /** A copy with one option set. */
    public Options with(String key, String value) {
        Map<String, String> m = new TreeMap<>(values);
        m.put(key, value);
        return new Options(m);
    }
}
