package org.icewarp.samples.server.logging;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One name of the log file scheme {@code <letter><serverId><yyyymmdd>-<nn>.log}, for example {@code s20060913-00.log}
 * or {@code sA720060913-01.log}.
 *
 * <p>The counter has at least two digits; a day that needs more than 100 files goes on with {@code -100}.
 *
 * @param letter the log type, {@code a} to {@code z}
 * @param serverId the load-balancing server ID, at most 2 letters or digits (the seed's limit), or {@code ""}
 * @param date the day the file holds
 * @param counter 0 for the day's first file, one more for each rotation by size
 */
record LogFileName(char letter, String serverId, LocalDate date, int counter) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9]{0,2}");

    /** Validates the fields. */
    LogFileName {
        requireLetter("letter", letter);
        requireServerId(serverId);
        Objects.requireNonNull(date, "date");
        if (counter < 0) {
            throw new IllegalArgumentException("counter must not be negative, was " + counter);
        }
    }

    static void requireLetter(String what, char letter) {
        if (letter < 'a' || letter > 'z') {
            throw new IllegalArgumentException(what + " must be one letter a to z, was '" + letter + "'");
        }
    }

    static void requireServerId(String serverId) {
        Objects.requireNonNull(serverId, "serverId");
        if (!SERVER_ID.matcher(serverId).matches()) {
            throw new IllegalArgumentException("serverId must be at most 2 letters or digits, was '" + serverId + "'");
        }
    }

    /** The file name. */
    String fileName() {
        return letter + serverId + DAY.format(date) + "-" + String.format(Locale.ROOT, "%02d", counter) + ".log";
    }

    /** The same day's next file. */
    LogFileName next() {
        return new LogFileName(letter, serverId, date, counter + 1);
    }

    /**
     * Reads a file name of this scheme written for {@code serverId}; empty for any other name (another server's file,
     * an impossible date, anything else in the directory).
     */
    static Optional<LogFileName> parse(String fileName, String serverId) {
        requireServerId(serverId);
        Matcher m = Pattern.compile("([a-z])" + Pattern.quote(serverId) + "(\\d{8})-(\\d{2,9})\\.log")
                .matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(m.group(2), DAY);
            return Optional.of(new LogFileName(m.group(1).charAt(0), serverId, date, Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return fileName();
    }
}
