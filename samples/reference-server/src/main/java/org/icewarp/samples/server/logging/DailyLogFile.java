package org.icewarp.samples.server.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The current file of one log type (one letter): opened on the first write, rotated by size within a day, replaced by
 * a new day's file when the date changes, and resumed after a restart (the day's last file is appended to while it
 * has room).
 *
 * <p>Not thread-safe: the appender serialises every call.
 */
final class DailyLogFile implements AutoCloseable {
    private final Path directory;
    private final char letter;
    private final String serverId;
    private final long maxBytes;

    private LogFileName current;
    private OutputStream out;
    private long size;

    DailyLogFile(Path directory, char letter, String serverId, long maxBytes) {
        this.directory = directory;
        this.letter = letter;
        this.serverId = serverId;
        this.maxBytes = maxBytes;
    }

    /**
     * Appends one encoded event, switching file first when the date is not the current file's or when the bytes
     * would take a non-empty file past the size limit. An event larger than the limit gets a file of its own.
     */
    void write(byte[] bytes, LocalDate today) throws IOException {
        if (out == null || !current.date().equals(today)) {
            close();
            LogFileName name = latest(today).orElse(new LogFileName(letter, serverId, today, 0));
            open(name);
        }
        if (size > 0 && size + bytes.length > maxBytes) {
            LogFileName next = current.next();
            close();
            open(next);
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    /** The day's file with the highest counter, if any exists yet. */
    private Optional<LogFileName> latest(LocalDate today) throws IOException {
        LogFileName first = new LogFileName(letter, serverId, today, 0);
        String prefix = first.fileName().substring(0, first.fileName().indexOf('-') + 1);
        Optional<LogFileName> latest = Optional.empty();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*.log")) {
            for (Path file : files) {
                Optional<LogFileName> name =
                        LogFileName.parse(file.getFileName().toString(), serverId);
                if (name.isPresent()
                        && name.get().date().equals(today)
                        && name.get().letter() == letter
                        && (latest.isEmpty()
                                || name.get().counter() > latest.get().counter())) {
                    latest = name;
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return latest;
    }

    private void open(LogFileName name) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name.fileName());
        out = Files.newOutputStream(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = Files.size(file);
        current = name;
    }

    /** The file written now, if one is open. */
    Optional<LogFileName> current() {
        return out == null ? Optional.empty() : Optional.of(current);
    }

    /** Closes the current file; the next write opens one again. */
    @Override
    public void close() throws IOException {
        OutputStream o = out;
        out = null;
        size = 0;
        if (o != null) {
            o.close();
        }
    }
}
