package org.icewarp.samples.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code icewarp tool}: the parent of administration tools, which are added as its subcommands ({@code icewarp tool
 * <name> ...}): {@code migrate-storage} ({@link MigrateStorageCommand}), {@code certificate} ({@link
 * CertificateCommand}), {@code create} ({@link CreateCommand}). Without a tool name it prints its usage.
 */
@Command(
        name = "tool",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Administration tools, run as 'icewarp tool <name> [options]'.",
        subcommands = {MigrateStorageCommand.class, CertificateCommand.class, CreateCommand.class})
final class ToolCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Without a tool name: prints the usage on standard error; a tool is required. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return IceWarpCommand.EXIT_USAGE;
    }
}
