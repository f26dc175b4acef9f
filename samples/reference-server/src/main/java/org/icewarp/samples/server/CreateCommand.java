package org.icewarp.samples.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code icewarp tool create}: the seed's {@code tool create}, the parent of {@code domain} ({@link
 * CreateDomainCommand}) and {@code account} ({@link CreateAccountCommand}), which write to the stores the
 * configuration names. Without an object type it prints its usage.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Creates a domain or an account in the configured storage, whether or not the server runs.",
        subcommands = {CreateDomainCommand.class, CreateAccountCommand.class})
final class CreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Without an object type: prints the usage on standard error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return IceWarpCommand.EXIT_USAGE;
    }
}
