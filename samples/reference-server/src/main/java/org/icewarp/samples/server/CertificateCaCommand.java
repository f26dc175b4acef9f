package org.icewarp.samples.server;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.icewarp.core.tls.CaStore;
import org.icewarp.core.tls.CertificateFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icewarp tool certificate ca list|add|remove}: the seed's "CA Certificates", the directory of PEM CA
 * certificates that verify client certificates (and, later, outgoing TLS). A running server sees the change at its
 * next check of the store ({@code system.certificates.reload-interval}).
 */
@Command(
        name = "ca",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The CA store: list, add or remove trusted CA certificates.")
final class CertificateCaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--ca-directory",
            paramLabel = "DIR",
            defaultValue = "${sys:icewarp.home:-.}/data/config/ca",
            description = "The CA store (system.certificates.ca-directory; by default <data>/config/ca)."
                    + " Default: ${DEFAULT-VALUE}.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    private Path directory;

    /** Without a subcommand: prints the usage on standard error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return IceWarpCommand.EXIT_USAGE;
    }

    private CaStore open() {
        return CaStore.open(directory.toAbsolutePath().normalize());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the CA certificates.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        List<CaStore.Entry> entries = open().list();
        for (CaStore.Entry e : entries) {
            out.println(e.fingerprint() + "  " + e.subject() + "  (until "
                    + e.certificate().getNotAfter().toInstant() + ")");
        }
        out.println(entries.size() + " CA certificate" + (entries.size() == 1 ? "" : "s") + " in " + directory);
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add every certificate of a PEM file.")
    int add(@Parameters(paramLabel = "FILE", description = "A PEM file with one or more CA certificates.") Path file) {
        try {
            for (CaStore.Entry e : open().add(file)) {
                spec.commandLine().getOut().println("added " + e.fingerprint() + "  " + e.subject());
            }
            return 0;
        } catch (CertificateFileException | UncheckedIOException e) {
            spec.commandLine().getErr().println("icewarp: certificate ca add: " + e.getMessage());
            return IceWarpCommand.EXIT_FAILURE;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a CA certificate.")
    int remove(
            @Parameters(paramLabel = "FINGERPRINT", description = "Its SHA-256 fingerprint, as 'list' shows it.")
                    String fingerprint) {
        try {
            if (!open().remove(fingerprint)) {
                spec.commandLine()
                        .getErr()
                        .println("icewarp: certificate ca remove: no CA certificate with fingerprint " + fingerprint
                                + " in " + directory);
                return IceWarpCommand.EXIT_FAILURE;
            }
            spec.commandLine().getOut().println("removed " + fingerprint);
            return 0;
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("icewarp: certificate ca remove: " + e.getMessage());
            return IceWarpCommand.EXIT_FAILURE;
        }
    }
}
