package org.icewarp.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.commons.configuration2.YAMLConfiguration;

/**
 * Reads the server's YAML configuration file through Apache Commons Configuration, with overrides.
 *
 * <p>Every key can be overridden without editing the file, highest precedence first:
 *
 * <ol>
 *   <li>a system property {@code icewarp.<key>}, for example {@code -Dicewarp.system.services.daytime.ports=10013};
 *   <li>an environment variable {@code ICEWARP_<KEY>}, the key upper-cased with every character other than a letter or
 *       digit turned into {@code _}, for example {@code ICEWARP_SYSTEM_SERVICES_DAYTIME_PORTS=10013};
 *   <li>the file.
 * </ol>
 *
 * List values given as overrides are separated by commas. Overrides apply to the keys the loader reads: every key of
 * the services named in the file, and of the service types passed to {@link #knownServices(Map)}.
 *
 * <p>The reading is strict: an unknown key, a value of the wrong type or out of range is a {@link
 * ConfigurationException} naming the key and the value.
 */
public final class ConfigLoader {
    private final Path file;
    private Map<String, String> environment = System.getenv();
    private Properties systemProperties = System.getProperties();
    private Map<String, Boolean> knownServices = Map.of();

    private ConfigLoader(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** A loader for a YAML file, with the process's environment and system properties as overrides. */
    public static ConfigLoader forFile(Path file) {
        return new ConfigLoader(file);
    }

    /** Replaces the environment used for overrides (tests, or an embedder with its own source). */
    public ConfigLoader environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Replaces the system properties used for overrides. */
    public ConfigLoader systemProperties(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        this.systemProperties = copy;
        return this;
    }

    /**
     * Service types whose keys may be overridden even when the file does not mention them, each with whether it runs
     * by default: a service configured only through overrides keeps that default unless an override sets {@code
     * enabled}.
     */
    public ConfigLoader knownServices(Map<String, Boolean> enabledByDefault) {
        this.knownServices = Map.copyOf(enabledByDefault);
        return this;
    }

    /** The file this loader reads. */
    public Path file() {
        return file;
    }

    /**
     * Reads and validates the file.
     *
     * @throws ConfigurationException naming the key and value at fault, or the file when it cannot be read or parsed
     */
    public ServerConfig load() {
        YAMLConfiguration yaml = new YAMLConfiguration();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            yaml.read(reader);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigurationException(file.toString(), null, "no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigurationException(file.toString(), null, "permission denied", e);
        } catch (IOException e) {
            throw new ConfigurationException(file.toString(), null, "cannot be read: " + e, e);
        } catch (org.apache.commons.configuration2.ex.ConfigurationException | RuntimeException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ConfigurationException(file.toString(), null, "is not valid YAML: " + why, e);
        }
        Map<String, String> overrides = new HashMap<>();
        systemProperties.stringPropertyNames().stream()
                .filter(n -> n.startsWith("icewarp."))
                .forEach(n -> overrides.put("P:" + n.substring("icewarp.".length()), systemProperties.getProperty(n)));
        return new YamlConfigReader(yaml, file.toString(), environment, overrides, knownServices).read();
    }
}
