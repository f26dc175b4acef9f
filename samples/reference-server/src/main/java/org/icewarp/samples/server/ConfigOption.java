package org.icewarp.samples.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.icewarp.core.config.ConfigLoader;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by the commands that read the configuration. */
final class ConfigOption {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "${sys:icewarp.home:-.}/conf/icewarp.yaml",
            description = "The YAML configuration file. Default: ${DEFAULT-VALUE}.")
    private Path file;

    /** The configuration file, absolute. */
    Path file() {
        return file.toAbsolutePath().normalize();
    }

    /**
     * Reads and validates the file with the process's overrides ({@code icewarp.*} system properties, {@code
     * ICEWARP_*} environment variables), as the server will.
     *
     * @param serviceTypes the service types on the class path (with whether each runs by default), whose keys may be
     *     overridden without a section
     * @throws org.icewarp.core.config.ConfigurationException naming the key and value at fault
     */
    ServerConfig load(Map<String, Boolean> serviceTypes) {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            // Checked here for a clearer message than the loader's "cannot be read: <path>".
            throw new ConfigurationException(
                    f.toString(), null, Files.exists(f) ? "is not a regular file" : "no such file");
        }
        return ConfigLoader.forFile(f).knownServices(serviceTypes).load();
    }
}
