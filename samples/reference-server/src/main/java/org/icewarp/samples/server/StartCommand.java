package org.icewarp.samples.server;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.service.Service;
import org.icewarp.core.service.ServiceException;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceState;
import org.icewarp.server.IceWarpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code icewarp start}: runs the server in the foreground until the JVM is asked to stop (SIGTERM, Ctrl-C).
 *
 * <p>Order of work, and why:
 *
 * <ol>
 *   <li>read and validate the configuration, before any logging exists, so that a bad file gives one clear message
 *       and exit code 2 and nothing else;
 *   <li>hand the server ID and the data directory to Logback ({@link LoggingSetup}) before the first logger;
 *   <li>install a shutdown hook, then start; the hook closes the server, prints that it stopped and closes the logs;
 *   <li>print one line per listening address ({@code daytime listening on 0.0.0.0:10013}) and a {@code ready} line
 *       on standard output; the server's own log goes to standard error.
 * </ol>
 *
 * <p>Standard output carries only these lines, so that scripts can wait for {@code ready} and read the ports.
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Starts the server in the foreground and runs it until Ctrl-C or SIGTERM, then stops it cleanly.",
            "Prints one line per listening address and a 'ready' line when every enabled service listens."
        })
final class StartCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Mixin
    private DataOption data;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, ServiceFactory> types = ServiceTypes.onClassPath();
        // Before the configuration is read: it may place the stores under ${sys:icewarp.data}.
        Path dataDirectory = data.publish();
        ServerConfig checked;
        try {
            checked = config.load(ServiceTypes.enabledByDefault(types));
            ConfiguredService.of(checked, types);
        } catch (ConfigurationException e) {
            err.println("icewarp: configuration error: " + e.getMessage());
            return IceWarpCommand.EXIT_USAGE;
        }
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            err.println("icewarp: cannot create the data directory " + dataDirectory + ": " + e);
            return IceWarpCommand.EXIT_FAILURE;
        }
        LoggingSetup.prepare(checked.serverId(), dataDirectory);

        IceWarpServer server = IceWarpServer.builder()
                .configFile(config.file())
                .dataDirectory(dataDirectory)
                .build();
        Thread hook = new Thread(() -> stop(server, out, err), "icewarp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.start();
        } catch (ConfigurationException | ServiceException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            boolean configuration = e instanceof ConfigurationException;
            err.println("icewarp: " + (configuration ? "configuration error: " : "cannot start: ") + e.getMessage());
            LoggingSetup.shutdown();
            return configuration ? IceWarpCommand.EXIT_USAGE : IceWarpCommand.EXIT_FAILURE;
        }

        int listening = 0;
        for (Service s : server.services().services()) {
            if (s.state() == ServiceState.RUNNING) {
                for (InetSocketAddress address : s.listening()) {
                    out.println(s.name() + " listening on " + NetUtil.toSocketAddressString(address));
                    listening++;
                }
            }
        }
        out.println("icewarp " + VersionProvider.version() + " ready: " + listening + " listening address"
                + (listening == 1 ? "" : "es") + ", data in " + dataDirectory + "; Ctrl-C or SIGTERM stops it");
        out.flush();

        // Runs until the JVM shuts down; the hook does the stopping, and the JVM exits when it returns.
        new CountDownLatch(1).await();
        return 0;
    }

    private static void stop(IceWarpServer server, PrintWriter out, PrintWriter err) {
        out.println("icewarp stopping");
        out.flush();
        try {
            server.close();
            out.println("icewarp stopped cleanly");
        } catch (RuntimeException e) {
            err.println("icewarp: the server did not stop cleanly: " + e);
        } finally {
            out.flush();
            err.flush();
            LoggingSetup.shutdown();
        }
    }
}
