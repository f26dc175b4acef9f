package org.icewarp.samples.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.icewarp.core.log.ActivityLog;

/**
 * A Logback appender that writes the server's log files under the console's names:
 * {@code <letter><serverId><yyyymmdd>-<nn>.log}, one file per log type and day, for example {@code s20060913-00.log}.
 *
 * <p><b>What goes where.</b> A line from an activity logger ({@code icewarp.log.<service>}) goes to its service's
 * letter (see {@link ServiceLetters} for the table and {@link #setLetters} to extend it; unknown services get {@link
 * #setUnknownServiceLetter}, default {@code o}). Any other line at or above {@link #setGeneralThreshold} (default
 * {@code WARN}) goes to the general log, letter {@link #setGeneralLetter} (default {@code e}); lines below it are
 * dropped. So one appender attached to both the root logger and {@code icewarp.log} writes every file, and it alone
 * owns the directory.
 *
 * <p><b>Files.</b> The date is the local date of the {@link Clock} (the system's default zone). {@code nn} starts at
 * {@code 00} each day and goes up by one whenever the next line would take the file past {@link #setMaxFileSize}
 * (default 10 MB). After a restart the day's last file is appended to while it has room. Files are opened on their
 * first line, not at start, and closed at {@link #stop()} and when the day changes.
 *
 * <p><b>Retention.</b> With {@link #setMaxHistoryDays} N greater than 0, on the first line of each day every file in
 * the directory that follows this naming scheme with this server ID, whatever its letter, is deleted once its date is
 * more than N days before today. 0 (the default) keeps everything. Other files are never touched.
 *
 * <p><b>Threads.</b> Lines are encoded by the calling thread and written under one lock, so lines never interleave
 * and the counters stay consistent. Each line is flushed to the operating system as it is written. A failure to
 * write is reported on Logback's status once, until the file works again; the line is lost, the caller never sees an
 * exception.
 *
 * <pre>{@code
 * <appender name="FILES" class="org.icewarp.samples.server.logging.ServiceLogFileAppender">
 *   <directory>${icewarp.data}/logs</directory>
 *   <serverId>${icewarp.server.id:-}</serverId>
 *   <maxFileSize>10MB</maxFileSize>
 *   <maxHistoryDays>30</maxHistoryDays>
 *   <letters>smtp-relay=r</letters>
 *   <encoder><pattern>%d{HH:mm:ss.SSS} %msg%n</pattern></encoder>
 * </appender>
 * }</pre>
 */
public class ServiceLogFileAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final long DEFAULT_MAX_FILE_SIZE = 10 * FileSize.MB_COEFFICIENT;

    private Encoder<ILoggingEvent> encoder;
    private String directory;
    private String serverId = "";
    private FileSize maxFileSize = new FileSize(DEFAULT_MAX_FILE_SIZE);
    private int maxHistoryDays;
    private String letters = "";
    private String unknownServiceLetter = "o";
    private String generalLetter = "e";
    private String generalThreshold = "WARN";
    private Clock clock = Clock.systemDefaultZone();

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Character, DailyLogFile> files = new HashMap<>();
    private final Set<Character> failing = new HashSet<>();
    // Set by start(), read by append() after the started flag (volatile) is seen true.
    private Path dir;
    private ServiceLetters mapping;
    private char general;
    private Level threshold;
    private LocalDate day;

    /** Creates an appender; Logback sets its properties from the configuration and then starts it. */
    public ServiceLogFileAppender() {}

    /** The encoder that turns each event into bytes (required). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** The encoder. */
    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    /** The directory of the log files (required); created on the first line. */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    /** The directory. */
    public String getDirectory() {
        return directory;
    }

    /** The load-balancing server ID in the file names: at most 2 letters or digits, as in the configuration. */
    public void setServerId(String serverId) {
        this.serverId = serverId == null ? "" : serverId.trim();
    }

    /** The server ID. */
    public String getServerId() {
        return serverId;
    }

    /** The size past which a file is not extended and the next one of the day begins; default 10 MB. */
    public void setMaxFileSize(FileSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /** The size limit. */
    public FileSize getMaxFileSize() {
        return maxFileSize;
    }

    /** Files dated more than this many days before today are deleted; 0, the default, keeps every file. */
    public void setMaxHistoryDays(int maxHistoryDays) {
        this.maxHistoryDays = maxHistoryDays;
    }

    /** The retention in days. */
    public int getMaxHistoryDays() {
        return maxHistoryDays;
    }

    /** Additions to the standard service letters: {@code name=letter} pairs separated by commas. */
    public void setLetters(String letters) {
        this.letters = letters == null ? "" : letters;
    }

    /** The additions to the standard service letters. */
    public String getLetters() {
        return letters;
    }

    /** The letter of activity logs of services the table does not know; default {@code o}. */
    public void setUnknownServiceLetter(String letter) {
        this.unknownServiceLetter = letter;
    }

    /** The letter of unknown services. */
    public String getUnknownServiceLetter() {
        return unknownServiceLetter;
    }

    /** The letter of the general log, lines that are not activity; default {@code e}. */
    public void setGeneralLetter(String letter) {
        this.generalLetter = letter;
    }

    /** The general log's letter. */
    public String getGeneralLetter() {
        return generalLetter;
    }

    /** The lowest level of a non-activity line that the general log keeps; default {@code WARN}. */
    public void setGeneralThreshold(String level) {
        this.generalThreshold = level;
    }

    /** The general log's threshold. */
    public String getGeneralThreshold() {
        return generalThreshold;
    }

    /** Replaces the clock that dates lines (tests). */
    void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Validates the properties; on a problem, reports it on Logback's status and stays stopped. */
    @Override
    public void start() {
        List<String> problems = new ArrayList<>();
        if (encoder == null) {
            problems.add("no encoder is set");
        }
        Path d = null;
        if (directory == null || directory.isBlank()) {
            problems.add("no directory is set");
        } else {
            try {
                d = Path.of(directory).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.add("directory '" + directory + "' is not a path: " + e.getMessage());
            }
        }
        try {
            LogFileName.requireServerId(serverId);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (maxFileSize == null || maxFileSize.getSize() <= 0) {
            problems.add("maxFileSize must be positive, was " + maxFileSize);
        }
        if (maxHistoryDays < 0) {
            problems.add("maxHistoryDays must be 0 (keep every file) or positive, was " + maxHistoryDays);
        }
        ServiceLetters table = null;
        Character generalChar = null;
        try {
            generalChar = letter("generalLetter", generalLetter);
            table = ServiceLetters.standard(letter("unknownServiceLetter", unknownServiceLetter))
                    .with(letters);
            if (table.fallback() == generalChar || table.table().containsValue(generalChar)) {
                problems.add("letter '" + generalChar + "' is the general log's; give services another one");
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Level level = generalThreshold == null ? null : Level.toLevel(generalThreshold.trim(), null);
        if (level == null) {
            problems.add("generalThreshold '" + generalThreshold + "' is not a level (TRACE, DEBUG, INFO, WARN, "
                    + "ERROR, OFF)");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> addError("appender " + name + ": " + p));
            return;
        }
        lock.lock();
        try {
            dir = d;
            mapping = table;
            general = generalChar;
            threshold = level;
            day = null;
        } finally {
            lock.unlock();
        }
        super.start();
    }

    private static char letter(String property, String value) {
        if (value == null || value.trim().length() != 1) {
            throw new IllegalArgumentException(property + " must be one letter a to z, was '" + value + "'");
        }
        char c = value.trim().charAt(0);
        LogFileName.requireLetter(property, c);
        return c;
    }

    @Override
    protected void append(ILoggingEvent event) {
        Optional<Character> letter = route(event);
        if (letter.isEmpty()) {
            return;
        }
        byte[] bytes = encoder.encode(event);
        lock.lock();
        try {
            if (!isStarted()) {
                return;
            }
            write(letter.get(), bytes);
        } finally {
            lock.unlock();
        }
    }

    /** The letter a line is written under, or empty when the line is not for these files. */
    Optional<Character> route(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger.startsWith(ActivityLog.LOGGER_PREFIX) && logger.length() > ActivityLog.LOGGER_PREFIX.length()) {
            return Optional.of(mapping.letterFor(logger.substring(ActivityLog.LOGGER_PREFIX.length())));
        }
        if (event.getLevel().isGreaterOrEqual(threshold)) {
            return Optional.of(general);
        }
        return Optional.empty();
    }

    private void write(char letter, byte[] bytes) {
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(day)) {
            closeFiles();
            if (maxHistoryDays > 0) {
                deleteExpired(today);
            }
            day = today;
        }
        DailyLogFile file =
                files.computeIfAbsent(letter, l -> new DailyLogFile(dir, l, serverId, maxFileSize.getSize()));
        try {
            file.write(bytes, today);
            failing.remove(letter);
        } catch (IOException e) {
            closeQuietly(file);
            if (failing.add(letter)) {
                addError(
                        "appender " + name + ": cannot write the '" + letter + "' log in " + dir
                                + "; lines are lost until it works again",
                        e);
            }
        }
    }

    private void deleteExpired(LocalDate today) {
        LocalDate oldestKept = today.minusDays(maxHistoryDays);
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*.log")) {
            for (Path file : all) {
                Optional<LogFileName> parsed =
                        LogFileName.parse(file.getFileName().toString(), serverId);
                if (parsed.isPresent() && parsed.get().date().isBefore(oldestKept)) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        addWarn("appender " + name + ": cannot delete the expired log " + file, e);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // no directory yet: nothing to delete
        } catch (IOException e) {
            addWarn("appender " + name + ": cannot list " + dir + " to delete expired logs", e);
        }
    }

    /** Closes every file; the appender must be started again before it writes. */
    @Override
    public void stop() {
        lock.lock();
        try {
            super.stop();
            closeFiles();
        } finally {
            lock.unlock();
        }
    }

    private void closeFiles() {
        for (DailyLogFile file : files.values()) {
            closeQuietly(file);
        }
        files.clear();
    }

    private void closeQuietly(DailyLogFile file) {
        try {
            file.close();
        } catch (IOException e) {
            addWarn("appender " + name + ": cannot close a log file in " + dir, e);
        }
    }

    /** The files open now (tests). */
    List<LogFileName> openFiles() {
        lock.lock();
        try {
            List<LogFileName> open = new ArrayList<>();
            for (DailyLogFile f : files.values()) {
                f.current().ifPresent(open::add);
            }
            return open;
        } finally {
            lock.unlock();
        }
    }
}
