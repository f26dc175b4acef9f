package org.icewarp.samples.server;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data} option shared by {@code start} and the tools that open the configured stores.
 *
 * <p>The data directory is also published as the system property {@value #PROPERTY}, so that the configuration can
 * place stores in it: the shipped {@code conf/icewarp.yaml} keeps accounts, mailboxes and the queue under {@code
 * ${sys:icewarp.data}/mail} (Commons Configuration resolves {@code ${sys:...}} when a value is read). A tool given the
 * same {@code --data} as the server therefore writes to the stores the server reads.
 */
final class DataOption {
    /** The system property that carries the data directory into the configuration. */
    static final String PROPERTY = "icewarp.data";

    @Option(
            names = {"-d", "--data"},
            paramLabel = "DIR",
            defaultValue = "${sys:icewarp.home:-.}/data",
            description = "The data directory (mail, queue, logs/); conf/icewarp.yaml refers to it as"
                    + " $${sys:icewarp.data}. Default: ${DEFAULT-VALUE}.")
    private Path data;

    /**
     * The data directory, absolute, after publishing it as {@value #PROPERTY}; call it before the configuration is
     * read.
     */
    Path publish() {
        Path directory = data.toAbsolutePath().normalize();
        System.setProperty(PROPERTY, directory.toString());
        return directory;
    }
}
