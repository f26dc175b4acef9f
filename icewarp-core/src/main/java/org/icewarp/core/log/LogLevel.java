package org.icewarp.core.log;

import java.util.Locale;

/**
 * How much a service writes to its activity log (the seed's "Logging" levels).
 *
 * <p>The levels are ordered: each level includes everything the levels before it write, except that {@link #NONE}
 * writes nothing.
 */
public enum LogLevel {
    /** No activity log at all. */
    NONE,
    /** One line per session and per notable event (connect, refuse, disconnect). */
    SUMMARY,
    /** Summary plus the protocol conversation and denied accesses. */
    DEBUG,
    /** Debug plus data-level detail. */
    EXTENDED;

    /**
     * Parses a level from its configuration spelling ({@code none}, {@code summary}, {@code debug}, {@code extended}),
     * ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted spellings
     */
    public static LogLevel parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (LogLevel level : values()) {
            if (level.name().equals(v)) {
                return level;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a log level (none, summary, debug, extended)");
    }

    /** The configuration spelling, in lower case. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a line of level {@code line} is written when this is the configured level. */
    public boolean includes(LogLevel line) {
        return this != NONE && line != NONE && line.ordinal() <= ordinal();
    }
}
