package org.icewarp.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JVM-wide registry of the lock files this package locks, one open {@link FileChannel} per file.
 *
 * <p>POSIX record locks (what {@link FileChannel#lock} uses on Linux) belong to the process, and closing <em>any</em>
 * descriptor of a file releases all of the process's locks on it. So no code in this JVM may open a second channel on a
 * lock file another store in this JVM may hold: every lock file is opened here, keyed by its identity (device and inode, else real path), and its channel
 * is closed only when the last {@link Handle} on it is released. A {@link Section} is exclusive among threads of this
 * JVM (a {@link ReentrantLock} per file) and among processes (the OS lock, taken while the in-JVM lock is held).
 */
final class ProcessLocks {
    /** Open lock files by {@link #key}. Guarded by itself. */
    private static final Map<Object, Entry> FILES = new HashMap<>();

    private ProcessLocks() {}

    /**
     * A file's identity: its file key (device and inode) where the platform has one, so that a folder renamed while a
     * store holds it still maps to the same entry, else its real path.
     */
    private static Object key(Path file) throws IOException {
        Path real = file.toRealPath();
        Object fileKey = Files.readAttributes(real, BasicFileAttributes.class).fileKey();
        return fileKey != null ? fileKey : real;
    }

    /** One lock file: its channel and in-JVM lock. */
    private static final class Entry {
        final Object key;
        /** Where it was opened, to reopen it. */
        final Path path;

        final ReentrantLock mutex = new ReentrantLock();
        /** Guarded by {@link #FILES}. */
        int refs;
        /** Channels opened on the same file under another name meanwhile; closed with {@link #channel}. */
        final List<FileChannel> spares = new ArrayList<>();
        /** Replaced (under {@link #mutex}) when an interrupted thread closed it. */
        volatile FileChannel channel;
        /** The OS lock while a section or a lifelong hold has it. Guarded by {@link #mutex}, or set once by a hold. */
        FileLock os;

        boolean heldForLife;

        Entry(Object key, Path path, FileChannel channel) {
            this.key = key;
            this.path = path;
            this.channel = channel;
        }

        /** An open channel; reopens one an interrupted thread closed. Under {@link #mutex}. */
        FileChannel open() throws IOException {
            FileChannel ch = channel;
            if (!ch.isOpen()) {
                // a closed channel holds no lock, and nobody else in this JVM opens this file
                ch = FileChannel.open(path, StandardOpenOption.WRITE);
                channel = ch;
            }
            return ch;
        }
    }

    /**
     * Registers {@code file} (creating it if absent, or failing if present with {@code createNew}) and returns a handle
     * that keeps its channel open until {@link Handle#close}.
     */
    static Handle acquire(Path file, boolean createNew) throws IOException {
        synchronized (FILES) {
            Entry e = null;
            if (!createNew) {
                try {
                    e = FILES.get(key(file));
                } catch (NoSuchFileException absent) {
                    // created below
                }
            }
            if (e == null) {
                FileChannel ch = FileChannel.open(
                        file,
                        createNew ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                Object key;
                try {
                    key = key(file);
                } catch (IOException | RuntimeException failure) {
                    ch.close(); // nobody in this JVM had it registered
                    throw failure;
                }
                e = FILES.get(key);
                if (e == null) {
                    e = new Entry(key, file.toAbsolutePath(), ch);
                    FILES.put(key, e);
                } else {
                    e.spares.add(ch); // never close it while others use the file
                }
            }
            e.refs++;
            return new Handle(e);
        }
    }

    /**
     * For removing an area whose owner ended: an exclusive section on {@code file}, or {@code null} when a live owner
     * holds it (a store in this JVM, detected without touching the file, or another process) or it is gone. Never opens
     * a second channel on a file this JVM has registered. Closing the section also releases the file.
     */
    static Section tryLockForSweep(Path file) throws IOException {
        Entry e;
        synchronized (FILES) {
            Object key;
            try {
                key = key(file);
            } catch (NoSuchFileException gone) {
                return null;
            }
            if (FILES.containsKey(key)) {
                return null; // live in this JVM
            }
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.WRITE);
            } catch (NoSuchFileException gone) {
                return null;
            }
            e = new Entry(key, file.toAbsolutePath(), ch);
            e.refs = 1;
            FILES.put(key, e); // so no thread here opens it meanwhile
        }
        Handle h = new Handle(e);
        try {
            e.mutex.lock();
            FileLock l = e.channel.tryLock();
            if (l == null) {
                e.mutex.unlock();
                h.close();
                return null; // another live process owns it
            }
            e.os = l;
            return new Section(e, h, true);
        } catch (IOException | RuntimeException failure) {
            if (e.mutex.isHeldByCurrentThread()) {
                e.mutex.unlock();
            }
            h.close();
            throw failure;
        }
    }

    /** Whether this JVM has {@code file} registered (for tests). */
    static boolean registered(Path file) throws IOException {
        synchronized (FILES) {
            return FILES.containsKey(key(file));
        }
    }

    /** A use of one registered file; {@link #close} when done (the last close closes the channel). */
    static final class Handle implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Handle(Entry entry) {
            this.entry = entry;
        }

        /**
         * An exclusive section among threads of this JVM and processes; blocks until both are free. Re-entered by the
         * same thread, only the outermost section takes and releases the OS lock.
         */
        Section lock() throws IOException {
            Entry e = entry;
            e.mutex.lock();
            if (e.mutex.getHoldCount() > 1) {
                return new Section(e, null, false);
            }
            try {
                if (e.heldForLife) {
                    throw new IllegalStateException(e.path + " is held for a store's life");
                }
                e.os = e.open().lock();
                return new Section(e, null, true);
            } catch (IOException | RuntimeException failure) {
                e.mutex.unlock();
                throw failure;
            }
        }

        /**
         * Takes the OS lock for as long as this file stays registered (a store's life): released when the last handle
         * closes. Blocks until the OS lock is free.
         */
        void holdForLife() throws IOException {
            Entry e = entry;
            e.mutex.lock();
            try {
                if (!e.heldForLife) {
                    e.os = e.open().lock();
                    e.heldForLife = true;
                }
            } finally {
                e.mutex.unlock();
            }
        }

        @Override
        public void close() {
            List<FileChannel> toClose = new ArrayList<>();
            synchronized (FILES) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--entry.refs > 0) {
                    return;
                }
                FILES.remove(entry.key);
                toClose.add(entry.channel);
                toClose.addAll(entry.spares);
                entry.spares.clear();
                // closing the channel releases the OS lock; done while still keyed out, under the registry's monitor,
                // so a new acquire of the file cannot open its channel and lock before this close
                for (FileChannel ch : toClose) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // nothing left to do with it
                    }
                }
            }
        }
    }

    /** An exclusive section on a file; {@link #close} leaves it. */
    static final class Section implements AutoCloseable {
        private final Entry entry;
        private final Handle owned;
        private final boolean outermost;
        private boolean closed;

        private Section(Entry entry, Handle owned, boolean outermost) {
            this.entry = entry;
            this.owned = owned;
            this.outermost = outermost;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (outermost) {
                    FileLock l = entry.os;
                    entry.os = null;
                    if (l != null && l.isValid()) {
                        l.release();
                    }
                }
            } finally {
                entry.mutex.unlock();
                if (owned != null) {
                    owned.close();
                }
            }
        }
    }
}
