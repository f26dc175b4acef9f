package org.icewarp.storage.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This store's private directory for files being written, {@code <path>/_writing/<id>/}, on the same file system as
 * the mailboxes so that a finished file can be renamed into place atomically.
 *
 * <p>The area is owned through an exclusive lock on {@code <id>.lock} held for the store's life. Opening a store removes
 * every area whose lock is free, that is, whose process died: this is how an orphan temporary file of a crashed append
 * disappears at the next open, without touching files another live server (sharing the mail path) is writing.
 */
final class WriteArea implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteArea.class);
    static final String DIR = "_writing";

    private final Path dir;
    private final ProcessLocks.Handle lock;
    private final AtomicLong counter = new AtomicLong();

    private WriteArea(Path dir, ProcessLocks.Handle lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** Sweeps dead areas under {@code root/_writing} and creates this store's own. */
    static WriteArea open(Path root, String serverId) throws IOException {
        Path base = root.resolve(DIR);
        Durable.createDirectories(base);
        sweep(base);
        String id = (serverId.isEmpty() ? "0" : serverId) + "-" + UUID.randomUUID();
        ProcessLocks.Handle lock = ProcessLocks.acquire(base.resolve(id + ".lock"), true);
        try {
            lock.holdForLife();
            Path dir = base.resolve(id);
            Files.createDirectory(dir);
            return new WriteArea(dir, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void sweep(Path base) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, "*.lock")) {
            for (Path lockFile : ds) {
                String name = lockFile.getFileName().toString();
                Path area = base.resolve(name.substring(0, name.length() - ".lock".length()));
                // never a second channel on a file a store in this JVM holds: closing it would release that lock
                try (ProcessLocks.Section l = ProcessLocks.tryLockForSweep(lockFile)) {
                    if (l == null) {
                        continue; // a live store (in this process or another) owns it
                    }
                    Durable.deleteTree(area);
                    Files.deleteIfExists(lockFile);
                    LOG.info("removed the write area {} of a process that ended", area);
                } catch (java.nio.file.NoSuchFileException e) {
                    // swept meanwhile by another process
                }
            }
        }
    }

    /** A fresh path for a temporary file in this area (not created). */
    Path newTempFile(String kind) {
        return dir.resolve(kind + "-" + counter.incrementAndGet() + ".tmp");
    }

    /** The area's directory. */
    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            Durable.deleteTree(dir);
            Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.warn("could not remove the write area {}: {}", dir, e.toString());
        } finally {
            lock.close();
        }
    }
}
