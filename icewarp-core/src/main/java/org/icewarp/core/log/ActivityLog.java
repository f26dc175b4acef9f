package org.icewarp.core.log;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The activity log of one service: SLF4J logger {@code icewarp.log.<service>}, filtered by the service's
 * {@link LogLevel}, which can be changed while the server runs.
 *
 * <p>Every line is written at SLF4J level INFO, so an ordinary backend configuration shows it; the activity level
 * travels as a marker ({@code SUMMARY}, {@code DEBUG}, {@code EXTENDED}) for backends that want to route by it. The
 * library never configures a logging backend: where the lines end up is the application's choice (the reference
 * server ships a Logback configuration that writes the seed's file names).
 *
 * <p>Thread-safe.
 */
public final class ActivityLog {
    /** Prefix of every activity logger name. */
    public static final String LOGGER_PREFIX = "icewarp.log.";

    private static final Marker SUMMARY = MarkerFactory.getMarker("SUMMARY");
    private static final Marker DEBUG = MarkerFactory.getMarker("DEBUG");
    private static final Marker EXTENDED = MarkerFactory.getMarker("EXTENDED");

    private final String service;
    private final Logger logger;
    private volatile LogLevel level;

    /**
     * Creates the activity log of a service.
     *
     * @param service the service name, which completes the logger name
     * @param level the initial level
     */
    public ActivityLog(String service, LogLevel level) {
        this.service = Objects.requireNonNull(service, "service");
        this.level = Objects.requireNonNull(level, "level");
        this.logger = LoggerFactory.getLogger(LOGGER_PREFIX + service);
    }

    /** The service this log belongs to. */
    public String service() {
        return service;
    }

    /** The current level. */
    public LogLevel level() {
        return level;
    }

    /** Changes the level; takes effect for the next line written by any thread. */
    public void setLevel(LogLevel level) {
        this.level = Objects.requireNonNull(level, "level");
    }

    /** Whether lines of the given level are currently written. */
    public boolean isEnabled(LogLevel line) {
        return level.includes(line) && logger.isInfoEnabled();
    }

    /** Writes a summary line (SLF4J {@code {}} placeholders). */
    public void summary(String format, Object... args) {
        write(LogLevel.SUMMARY, SUMMARY, format, args);
    }

    /** Writes a debug line (SLF4J {@code {}} placeholders). */
    public void debug(String format, Object... args) {
        write(LogLevel.DEBUG, DEBUG, format, args);
    }

    /** Writes an extended line (SLF4J {@code {}} placeholders). */
    public void extended(String format, Object... args) {
        write(LogLevel.EXTENDED, EXTENDED, format, args);
    }

    private void write(LogLevel line, Marker marker, String format, Object... args) {
        if (level.includes(line)) {
            logger.info(marker, format, args);
        }
    }
}
