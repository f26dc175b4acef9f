package org.icewarp.storage.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.icewarp.storage.NotFoundException;

/**
 * One folder on disk: its directory of message files and its {@code .index/} (journal generations, snapshot, lock
 * file), with the {@link FolderIndex} replayed from them.
 *
 * <p>Implementation note. A change runs under the folder's in-process lock and an exclusive lock on {@code
 * .index/lock} (through {@link ProcessLocks}, shared by every store of this JVM), so that processes sharing the mail path take turns: the writer first reads the journal tail other
 * processes appended (and truncates a torn record a crash left), then decides (for example the next UID), writes its
 * records and applies them. Durability is separate and shared (group commit, {@link #awaitDurable}): one fsync of the
 * folder directory and of the journal covers every record written before it, so concurrent appenders do not queue for
 * one fsync each. When the journal holds {@code snapshotRecords} records it is sealed, the whole index is written to
 * {@code snapshot} and a new journal generation begins; files are replaced, never rewritten in place.
 */
final class FolderState {
    static final String INDEX_DIR = ".index";

    private final Path dir;
    private final Path indexDir;
    private final int snapshotRecords;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ProcessLocks.Handle lockFile;
    private FileChannel journal;
    private long gen;
    private long end;
    /** The journal generation we hold carries a seal: nothing may be appended to it. Under {@link #mutex}. */
    private boolean sealedCurrent;

    private FolderIndex index;
    private Totals totals;
    private boolean closed;

    private volatile long writeSeq;
    private final AtomicBoolean dirDirty = new AtomicBoolean();
    private final Object sync = new Object();
    private long syncedSeq;
    private boolean syncing;
    private IOException failure;
    /** Appends announced ({@link #announceAppend}) whose records are not written yet. Guarded by {@link #sync}. */
    private int unwritten;

    /**
     * How long a commit leader waits, at most, for announced appends to write their records so that one fsync covers
     * them too (as PostgreSQL's commit_delay with commit_siblings). It waits only while other appends to this folder
     * are between their own file fsync and their record, so a lone appender never waits.
     */
    static final long COMMIT_DELAY_NANOS = 2_000_000;

    private FolderState(Path dir, int snapshotRecords, ProcessLocks.Handle lockFile) {
        this.dir = dir;
        this.indexDir = dir.resolve(INDEX_DIR);
        this.snapshotRecords = snapshotRecords;
        this.lockFile = lockFile;
    }

    /** Whether {@code dir} holds a folder. */
    static boolean exists(Path dir) {
        Path idx = dir.resolve(INDEX_DIR);
        return Files.exists(Journal.snapshotFile(idx)) || Files.exists(Journal.journalFile(idx, 1));
    }

    /** Creates a folder's index in an existing or new directory. */
    static void create(Path dir, long uidValidity) throws IOException {
        Path idx = dir.resolve(INDEX_DIR);
        Durable.createDirectories(idx);
        byte[] header = Journal.header();
        byte[] first = Journal.frame(List.of(new IndexRecord.Created(uidValidity)));
        byte[] content = new byte[header.length + first.length];
        System.arraycopy(header, 0, content, 0, header.length);
        System.arraycopy(first, 0, content, header.length, first.length);
        Durable.write(Journal.journalFile(idx, 1), content);
    }

    /**
     * Opens an existing folder and replays its index, adding its counts to {@code totals}.
     *
     * @throws NotFoundException when the directory holds no folder
     */
    static FolderState open(Path dir, Totals totals, int snapshotRecords) throws IOException {
        if (!exists(dir)) {
            throw new NotFoundException("no folder at " + dir);
        }
        ProcessLocks.Handle lock = ProcessLocks.acquire(dir.resolve(INDEX_DIR).resolve("lock"), false);
        FolderState f = new FolderState(dir, snapshotRecords, lock);
        try {
            f.totals = totals;
            f.load();
            return f;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    /** Replays snapshot and journals from scratch, replacing the index in memory. */
    private void load() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                loadOnce();
                return;
            } catch (NoSuchFileException e) {
                // another process rotated the journal while we read; its new snapshot covers what was deleted
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private void loadOnce() throws IOException {
        FolderIndex fresh = new FolderIndex();
        long g = 1;
        Path snap = Journal.snapshotFile(indexDir);
        if (Files.exists(snap)) {
            g = Journal.readSnapshot(Files.readAllBytes(snap), fresh);
        }
        while (true) {
            FileChannel ch = FileChannel.open(
                    Journal.journalFile(indexDir, g), StandardOpenOption.READ, StandardOpenOption.WRITE);
            Journal.Tail t;
            try {
                t = Journal.read(ch, 0, fresh::apply);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (t.sealed()) {
                ch.close();
                g++;
                continue;
            }
            if (index != null) {
                index.detach();
            }
            if (journal != null) {
                journal.close();
            }
            fresh.attach(totals);
            index = fresh;
            journal = ch;
            gen = g;
            end = t.validEnd();
            sealedCurrent = false;
            return;
        }
    }

    /** Applies what other processes appended since we last looked. Under {@link #mutex}. */
    private void refresh(boolean forWrite) throws IOException {
        while (true) {
            if (!forWrite && journal.size() == end) {
                return;
            }
            Journal.Tail t = Journal.read(journal, end, index::apply);
            end = t.validEnd();
            if (!t.sealed()) {
                break;
            }
            // Past a seal nothing may ever be written to this generation; until the next one is open, writes refuse.
            sealedCurrent = true;
            Path next = Journal.journalFile(indexDir, gen + 1);
            try {
                FileChannel ch = FileChannel.open(next, StandardOpenOption.READ, StandardOpenOption.WRITE);
                journal.close();
                journal = ch;
                gen++;
                end = 0;
                sealedCurrent = false;
            } catch (NoSuchFileException e) {
                load();
                return;
            }
        }
        if (forWrite) {
            if (end < Journal.HEADER) {
                journal.truncate(0);
                Journal.writeFully(journal, 0, Journal.header());
                end = Journal.HEADER;
            } else if (journal.size() > end) {
                journal.truncate(end); // a torn record a crash left
            }
        }
    }

    /** A change: decides its records from the current index; may rename files into the folder first. */
    interface Change<T> {
        T apply(FolderIndex index, Batch batch) throws IOException;
    }

    /** The records a change writes. */
    static final class Batch {
        final List<IndexRecord> records = new ArrayList<>();
        boolean directoryChanged;

        void add(IndexRecord r) {
            records.add(r);
        }
    }

    /** A change that is written and applied, durable once {@link #awaitDurable} with its sequence returns. */
    record Written<T>(T result, long seq) {}

    /** Runs a change under the folder's locks; does not wait for durability. */
    <T> Written<T> write(Change<T> change) throws IOException {
        mutex.lock();
        try {
            ensureOpen();
            try (ProcessLocks.Section l = lockFile.lock()) {
                refresh(true);
                if (sealedCurrent) {
                    load(); // the generation we hold was sealed; start again from the snapshot and its successors
                    if (sealedCurrent) {
                        throw new IOException("the index journal of " + dir + " is sealed and has no successor");
                    }
                    refresh(true);
                }
                Batch batch = new Batch();
                T result = change.apply(index, batch);
                if (batch.directoryChanged) {
                    dirDirty.set(true);
                }
                if (batch.records.isEmpty()) {
                    return new Written<>(result, 0);
                }
                byte[] bytes = Journal.frame(batch.records);
                Journal.writeFully(journal, end, bytes);
                end += bytes.length;
                batch.records.forEach(index::apply);
                long seq = writeSeq + 1;
                writeSeq = seq;
                if (index.records() >= snapshotRecords) {
                    rotate();
                }
                return new Written<>(result, seq);
            }
        } finally {
            mutex.unlock();
        }
    }

    /** Seals the journal, snapshots the index, and starts the next generation. Under both locks. */
    private void rotate() throws IOException {
        // The successor exists durably before the seal is written, so whoever reads the seal (after a crash, or
        // another process) always finds where to go on; an empty successor left by a crash before the seal is simply
        // replaced by the next rotation.
        long next = gen + 1;
        Durable.write(Journal.journalFile(indexDir, next), Journal.header());
        byte[] seal = Journal.frame(List.of(new IndexRecord.Sealed()));
        Journal.writeFully(journal, end, seal);
        end += seal.length;
        sealedCurrent = true;
        // Unconditionally: a commit leader may be between clearing dirDirty and finishing its directory fsync, and
        // markSynced below releases its followers too.
        dirDirty.set(false);
        Durable.fsyncDirectory(dir);
        journal.force(false);
        Durable.write(Journal.snapshotFile(indexDir), Journal.snapshot(index, next));
        FileChannel old = journal;
        journal = FileChannel.open(
                Journal.journalFile(indexDir, next), StandardOpenOption.READ, StandardOpenOption.WRITE);
        long sealedGen = gen;
        gen = next;
        end = Journal.HEADER;
        sealedCurrent = false;
        index.resetRecordCount();
        markSynced(writeSeq);
        old.close();
        for (long g = sealedGen; g >= 1 && Files.deleteIfExists(Journal.journalFile(indexDir, g)); g--) {
            // older generations are covered by the snapshot
        }
        Durable.removeTempFiles(indexDir);
    }

    /** An append to this folder in progress; {@link #written} once its record is written (or it gave up). */
    final class Announcement {
        private boolean done;

        void written() {
            synchronized (sync) {
                if (!done) {
                    done = true;
                    unwritten--;
                    sync.notifyAll();
                }
            }
        }
    }

    /** Tells the group commit that an append is on its way (its message file is being written). */
    Announcement announceAppend() {
        synchronized (sync) {
            unwritten++;
        }
        return new Announcement();
    }

    /**
     * Returns once every record up to {@code seq} is durable. The first waiter becomes the leader and fsyncs for all
     * records written so far; the others wait for it, then return or lead the next round.
     */
    void awaitDurable(long seq) throws IOException {
        if (seq == 0) {
            return;
        }
        synchronized (sync) {
            while (syncedSeq < seq && syncing) {
                try {
                    sync.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for fsync");
                }
            }
            if (syncedSeq >= seq) {
                return;
            }
            if (failure != null) {
                throw new IOException("an earlier fsync of " + dir + " failed", failure);
            }
            syncing = true;
            long deadline = System.nanoTime() + COMMIT_DELAY_NANOS;
            for (long left; unwritten > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    sync.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    syncing = false;
                    sync.notifyAll();
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for fsync");
                }
            }
        }
        long target = writeSeq;
        FileChannel ch;
        mutex.lock();
        try {
            ch = journal;
        } finally {
            mutex.unlock();
        }
        IOException error = null;
        try {
            if (dirDirty.getAndSet(false)) {
                Durable.fsyncDirectory(dir);
            }
            ch.force(false);
        } catch (ClosedChannelException e) {
            // a rotation forced it and marked it synced (or the store closed)
            synchronized (sync) {
                if (syncedSeq < target) {
                    error = e;
                }
            }
        } catch (IOException e) {
            error = e;
        }
        synchronized (sync) {
            syncing = false;
            if (error == null) {
                syncedSeq = Math.max(syncedSeq, target);
            } else {
                failure = error;
            }
            sync.notifyAll();
        }
        if (error != null) {
            throw error;
        }
    }

    private void markSynced(long seq) {
        synchronized (sync) {
            syncedSeq = Math.max(syncedSeq, seq);
            sync.notifyAll();
        }
    }

    /** Reads the index (after picking up other processes' changes) under the folder's lock. */
    <T> T read(java.util.function.Function<FolderIndex, T> reader) throws IOException {
        mutex.lock();
        try {
            ensureOpen();
            refresh(false);
            return reader.apply(index);
        } finally {
            mutex.unlock();
        }
    }

    /** Holds the folder's in-process lock (for moves that must change two folders at once). */
    void lock() {
        mutex.lock();
    }

    void unlock() {
        mutex.unlock();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new NotFoundException("folder at " + dir + " was deleted or renamed");
        }
        if (failure != null) {
            throw new IOException("an earlier fsync of " + dir + " failed; reopen the store", failure);
        }
    }

    /** Closes files and removes the folder's counts from the account's totals. */
    void close() {
        mutex.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (index != null) {
                index.detach();
            }
            try {
                journal.close();
            } catch (IOException e) {
                // nothing left to do with it
            } finally {
                lockFile.close();
            }
        } finally {
            mutex.unlock();
        }
    }
}
