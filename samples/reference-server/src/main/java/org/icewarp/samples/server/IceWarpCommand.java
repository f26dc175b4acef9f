package org.icewarp.samples.server;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code icewarp} command of the reference server distribution: {@code bin/icewarp} runs this class.
 *
 * <p>Subcommands: {@code start} runs the server in the foreground, {@code services} lists the configured services,
 * {@code tool} is the parent of administration tools. Every command takes {@code --help} and {@code --version}.
 *
 * <p>Exit codes: 0 success; 1 the server could not start (a port in use, the data directory not writable); 2 a usage
 * or configuration error, with the message on standard error. A server stopped by SIGTERM or Ctrl-C exits with the
 * JVM's code for the signal (143 for SIGTERM, 130 for SIGINT) after a clean stop.
 */
@Command(
        name = "icewarp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The IceWarp reference server.",
        subcommands = {StartCommand.class, ServicesCommand.class, ToolCommand.class})
public final class IceWarpCommand implements Callable<Integer> {
    /** The server could not start. */
    static final int EXIT_FAILURE = 1;
    /** A usage or configuration error (picocli's own code for usage errors). */
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    IceWarpCommand() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments, for example {@code start --config conf/icewarp.yaml}
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to execute (tests call it in-process). */
    static CommandLine commandLine() {
        return new CommandLine(new IceWarpCommand());
    }

    /** The command line with the subcommands made by {@code factory} (tests give commands their own input). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new IceWarpCommand(), factory);
    }

    /** Without a subcommand: prints the usage on standard error; a subcommand is required. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }
}
