package org.icewarp.core.config;

/**
 * The configuration is invalid. The message names the key (in the YAML tree's dotted form, for example
 * {@code system.services.daytime.limits.max-incoming}), the offending value and what was expected, so an operator can
 * fix the file without reading code.
 */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    /**
     * @param key the dotted key at fault
     * @param value the offending value as written, or {@code null} if the key is missing
     * @param problem what is wrong with it
     */
    public ConfigurationException(String key, String value, String problem) {
        super(format(key, value, problem));
        this.key = key;
        this.value = value;
    }

    /**
     * @param key the dotted key at fault
     * @param value the offending value as written, or {@code null}
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public ConfigurationException(String key, String value, String problem, Throwable cause) {
        super(format(key, value, problem), cause);
        this.key = key;
        this.value = value;
    }

    private static String format(String key, String value, String problem) {
        return value == null ? key + ": " + problem : key + ": invalid value '" + value + "': " + problem;
    }

    /** The dotted key at fault. */
    public String key() {
        return key;
    }

    /** The offending value as written, or {@code null} when the problem is not about one value. */
    public String value() {
        return value;
    }
}
