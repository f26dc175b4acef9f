package org.icewarp.samples.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The hand-over between the launcher and {@code conf/logback.xml}: two system properties that the Logback
 * configuration reads.
 *
 * <ul>
 *   <li>{@value #SERVER_ID}: the configuration's {@code system.server-id}, part of every log file name;
 *   <li>{@value #DATA}: the data directory, whose {@code logs/} holds the log files.
 * </ul>
 *
 * Both are known only once the configuration has been read, and reading it already starts Logback (Commons
 * Configuration logs through Commons Logging, which binds to SLF4J). So {@link #prepare} sets the properties and then
 * has Logback read its configuration again. No log file exists before that: the file appender opens files on their
 * first line. Both values are read once; a server ID changed in the file while the server runs applies from the next
 * start on.
 */
final class LoggingSetup {
    static final String SERVER_ID = "icewarp.server.id";
    static final String DATA = "icewarp.data";

    private LoggingSetup() {}

    /** Sets the properties and (re)configures Logback with them. */
    static void prepare(String serverId, Path dataDirectory) {
        System.setProperty(SERVER_ID, serverId);
        System.setProperty(DATA, dataDirectory.toString());
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.reset();
            try {
                // The standard lookup again: -Dlogback.configurationFile (bin/icewarp sets it), then the class path.
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                // Logback has recorded the problem in its status, which it prints; the server runs without files.
                System.err.println("icewarp: the logging configuration failed: " + e.getMessage());
            }
        }
    }

    /**
     * Stops Logback, which closes the log files. Used at the very end of the shutdown hook: the process does not
     * install Logback's own hook, so that the server's last lines are written before the files close.
     */
    static void shutdown() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.stop();
        }
    }
}
