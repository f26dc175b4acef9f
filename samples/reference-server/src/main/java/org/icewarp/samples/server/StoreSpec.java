package org.icewarp.samples.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One side's store on the command line: a provider id and its options, written {@code <provider>[:<key>=<value>[,
 * <key>=<value>...]]}, for example {@code fs:path=/var/mail} or {@code jdbc:url=jdbc:postgresql://db/mail}. The
 * provider id ends at the first {@code :}, options are separated by {@code ,} and each option's key ends at its first
 * {@code =}, so values may contain {@code :} and {@code =}; a value with a comma is given with {@code --from-option}
 * or {@code --to-option} instead.
 *
 * @param provider the provider id
 * @param options its options, in the order given
 */
record StoreSpec(String provider, Map<String, String> options) {
    /** A password inside a value, as in a JDBC URL's {@code ?user=x&password=y}. */
    private static final java.util.regex.Pattern PASSWORD_IN_VALUE =
            java.util.regex.Pattern.compile("(?i)(password=)[^&;,]*");

    StoreSpec {
        Objects.requireNonNull(provider, "provider");
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses a spec.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    static StoreSpec parse(String spec) {
        int colon = spec.indexOf(':');
        String provider = colon < 0 ? spec : spec.substring(0, colon);
        if (!provider.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "'" + spec + "' does not start with a provider id (for example fs:path=/var/mail)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0 && colon < spec.length() - 1) {
            for (String pair : spec.substring(colon + 1).split(",", -1)) {
                put(options, pair, "'" + spec + "'");
            }
        }
        return new StoreSpec(provider, options);
    }

    /** This spec with {@code key=value} options added (later ones win), as {@code --from-option} gives them. */
    StoreSpec with(Iterable<String> pairs, String what) {
        Map<String, String> o = new LinkedHashMap<>(options);
        for (String pair : pairs) {
            put(o, pair, what + " '" + pair + "'");
        }
        return new StoreSpec(provider, o);
    }

    private static void put(Map<String, String> options, String pair, String where) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(where + ": option '" + pair + "' is not key=value");
        }
        options.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
    }

    /**
     * The spec as given, for messages: values of options named like a secret (password, secret, key) and passwords
     * inside values ({@code password=...}) are masked.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(provider);
        String sep = ":";
        for (Map.Entry<String, String> e : options.entrySet()) {
            String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
            boolean secret = k.contains("password") || k.contains("secret") || k.equals("key");
            String v = secret ? "***" : PASSWORD_IN_VALUE.matcher(e.getValue()).replaceAll("$1***");
            sb.append(sep).append(e.getKey()).append('=').append(v);
            sep = ",";
        }
        return sb.toString();
    }
}
