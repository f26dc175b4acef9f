package org.icewarp.storage.jdbc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller's message, read to its end before any connection is taken: the first chunk in memory, and when the
 * message is larger, the whole of it in a temporary file in {@code spool-directory} (deleted by {@link #close()}).
 * So a slow sender (a socket stream) never holds a pooled connection or an open transaction, and a transaction that
 * must run again (a deadlock) can read the message again.
 */
final class Spool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final byte[] first;
    private final int length;
    private final Path file;
    private final long size;

    private Spool(byte[] first, int length, Path file, long size) {
        this.first = first;
        this.length = length;
        this.file = file;
        this.size = size;
    }

    /**
     * Reads {@code in} to its end: {@code first} holds its first {@code n} bytes, already read; when {@code n} fills
     * {@code first}, the rest is read too and everything goes to a file.
     *
     * @throws IOException when reading the stream or writing the file fails (no file is left behind)
     */
    static Spool of(byte[] first, int n, InputStream in, Path dir) throws IOException {
        if (n < first.length) {
            return new Spool(first, n, null, n);
        }
        Path file = createFile(dir);
        try {
            long size = n;
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(first, 0, n);
                size += in.transferTo(out);
            }
            return new Spool(null, 0, file, size);
        } catch (IOException | RuntimeException | Error e) {
            delete(file);
            throw e;
        }
    }

    private static Path createFile(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // messages are private: the directory is the owner's only (temp files are 0600 already)
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } else {
            Files.createDirectories(dir);
        }
        return Files.createTempFile(dir, "message-", ".spool");
    }

    /** Whether the whole message is in memory (it is smaller than one chunk). */
    boolean inMemory() {
        return file == null;
    }

    /** The message's size in bytes. */
    long size() {
        return size;
    }

    /** The in-memory message ({@link #inMemory()} only). */
    byte[] bytes() {
        return java.util.Arrays.copyOf(first, length);
    }

    /** A new stream over the whole message. */
    InputStream open() {
        if (file == null) {
            return new java.io.ByteArrayInputStream(first, 0, length);
        }
        try {
            return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled message " + file, e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            delete(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the spooled message {}: {}", file, e.toString());
        }
    }
}
