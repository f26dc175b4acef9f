package org.icewarp.samples.server;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.StorageException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The frame of a tool that changes the configured stores: reads the configuration ({@code --config}) as the server
 * does, runs the tool's work, and maps every way it can end to one exit code and one line on standard error, here and
 * nowhere else.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>outcome</th><th>exit code</th></tr>
 *   <tr><td>done</td><td>0</td></tr>
 *   <tr><td>a store failed, or another process holds it ({@link StorageException})</td><td>1</td></tr>
 *   <tr><td>a usage or configuration error, an invalid name ({@link ConfigurationException}, {@link
 *       InvalidNameException})</td><td>2</td></tr>
 *   <tr><td>the object already exists ({@link AlreadyExistsException})</td><td>3</td></tr>
 *   <tr><td>the domain it belongs in does not exist ({@link NotFoundException})</td><td>4</td></tr>
 *   <tr><td>what the tool found ({@link ToolFailure})</td><td>the failure's own</td></tr>
 * </table>
 */
abstract class StoreTool implements Callable<Integer> {
    /** The domain or account already exists. */
    static final int EXIT_EXISTS = 3;
    /** The account's domain does not exist. */
    static final int EXIT_NO_DOMAIN = 4;

    @Mixin
    ConfigOption config;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    /** The tool's name in messages, for example {@code create domain}. */
    abstract String name();

    /**
     * Does the work.
     *
     * @param config the validated configuration
     * @param out standard output, for what was done
     * @param err standard error, for notes
     */
    abstract void run(ServerConfig config, PrintWriter out, PrintWriter err);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        quietConnectionPool();
        try {
            data.publish();
            ServerConfig c = config.load(ServiceTypes.enabledByDefault(ServiceTypes.onClassPath()));
            run(c, out, err);
            return CommandLine.ExitCode.OK;
        } catch (ConfigurationException e) {
            return fail(err, "configuration error: " + e.getMessage(), IceWarpCommand.EXIT_USAGE);
        } catch (ToolFailure e) {
            return fail(err, e.getMessage(), e.exitCode());
        } catch (InvalidNameException e) {
            return fail(err, e.getMessage(), IceWarpCommand.EXIT_USAGE);
        } catch (AlreadyExistsException e) {
            return fail(err, e.getMessage(), EXIT_EXISTS);
        } catch (NotFoundException e) {
            return fail(err, e.getMessage(), EXIT_NO_DOMAIN);
        } catch (StorageException e) {
            return fail(err, "the store failed: " + e.getMessage(), IceWarpCommand.EXIT_FAILURE);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * A tool's standard error is for its own messages: HikariCP announces every pool start and stop at INFO, which in a
     * short-lived tool is noise (its warnings still show). Only where Logback is the SLF4J binding, as in the
     * distribution.
     */
    private static void quietConnectionPool() {
        if (LoggerFactory.getLogger("com.zaxxer.hikari") instanceof ch.qos.logback.classic.Logger hikari
                && hikari.getLevel() == null) {
            hikari.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private int fail(PrintWriter err, String message, int code) {
        err.println("icewarp: " + name() + ": " + message);
        return code;
    }
}
