package org.icewarp.protocols.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message body on its way from the client to storage: the first {@code memoryThreshold} bytes stay on the heap,
 * the rest goes to a temporary file in the service's temp directory, so the heap does not grow with the message size.
 * Written once in order ({@link #write}), then read as often as there are copies to store ({@link #open}).
 *
 * <p>The file is created owner-only ({@code rw-------}) where the file system has POSIX permissions, and deleted by
 * {@link #close}. It is not made durable: storage makes its own copy durable before the client hears {@code 250}.
 *
 * <p>Not thread-safe: one session writes it, then one delivery reads it (streams from {@link #open} may be read on
 * another thread after the writes have happened-before).
 */
final class MessageSpool implements AutoCloseable {
    /** The default number of bytes kept on the heap. */
    static final int DEFAULT_MEMORY_THRESHOLD = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MessageSpool.class);
    private static final int INITIAL_BUFFER = 4096;

    private final Path directory;
    private final int memoryThreshold;
    private byte[] head;
    private int headLength;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean sealed;
    private boolean closed;

    /** A spool with the default threshold, spilling into {@code directory}. */
    MessageSpool(Path directory) {
        this(directory, DEFAULT_MEMORY_THRESHOLD);
    }

    /**
     * A spool.
     *
     * @param directory where the file goes when the message outgrows memory (the SMTP service's temp path); created
     *     when missing
     * @param memoryThreshold the bytes kept on the heap, 0 or more
     * @throws IllegalArgumentException naming the option when the threshold is negative
     */
    MessageSpool(Path directory, int memoryThreshold) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (memoryThreshold < 0) {
            throw new IllegalArgumentException("memoryThreshold must be 0 or more, was " + memoryThreshold);
        }
        this.memoryThreshold = memoryThreshold;
        this.head = new byte[Math.min(memoryThreshold, INITIAL_BUFFER)];
    }

    /**
     * Appends bytes.
     *
     * @throws IOException when the file cannot be created or written
     * @throws IllegalStateException after {@link #open} or {@link #close}
     */
    void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed || sealed) {
            throw new IllegalStateException(closed ? "the spool is closed" : "the spool has been opened for reading");
        }
        int toHead = (int) Math.min(len, (long) memoryThreshold - headLength);
        if (toHead > 0) {
            if (headLength + toHead > head.length) {
                head = Arrays.copyOf(head, Math.min(memoryThreshold, Math.max(head.length * 2, headLength + toHead)));
            }
            System.arraycopy(b, off, head, headLength, toHead);
            headLength += toHead;
        }
        if (len > toHead) {
            if (fileOut == null) {
                spill();
            }
            fileOut.write(b, off + toHead, len - toHead);
        }
        size += len;
    }

    private void spill() throws IOException {
        Files.createDirectories(directory);
        file = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(directory, "smtp-", ".eml", ownerOnly())
                : Files.createTempFile(directory, "smtp-", ".eml");
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    /** The bytes written so far. */
    long size() {
        return size;
    }

    /** The bytes held on the heap (at most the threshold); for tests and statistics. */
    int bytesInMemory() {
        return headLength;
    }

    /** The spill file, if the message outgrew memory; for tests. */
    Path file() {
        return file;
    }

    /**
     * The whole message from its first byte. Ends writing; may be called again for every copy. The caller closes the
     * stream.
     *
     * @throws IOException when the file cannot be flushed or opened
     * @throws IllegalStateException after {@link #close}
     */
    InputStream open() throws IOException {
        if (closed) {
            throw new IllegalStateException("the spool is closed");
        }
        sealed = true;
        InputStream memory = new ByteArrayInputStream(head, 0, headLength);
        if (file == null) {
            return memory;
        }
        fileOut.flush();
        return new SequenceInputStream(memory, Files.newInputStream(file));
    }

    /** Deletes the file, if any. Idempotent; a file that cannot be deleted is logged, not thrown. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        head = null;
        if (file == null) {
            return;
        }
        try {
            fileOut.close();
        } catch (IOException e) {
            LOG.debug("closing spool file {} failed: {}", file, e.toString());
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("spool file {} could not be deleted: {}", file, e.toString());
        }
    }
}
