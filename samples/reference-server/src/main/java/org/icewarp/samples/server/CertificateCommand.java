package org.icewarp.samples.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code icewarp tool certificate}: certificate tools: {@code create} ({@link CertificateCreateCommand}) and {@code ca} ({@link CertificateCaCommand}). Without
 * a subcommand it prints its usage.
 */
@Command(
        name = "certificate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Certificate tools, run as 'icewarp tool certificate <name> [options]'.",
        subcommands = {CertificateCreateCommand.class, CertificateCaCommand.class})
final class CertificateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Without a subcommand: prints the usage on standard error; a subcommand is required. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return IceWarpCommand.EXIT_USAGE;
    }
}
