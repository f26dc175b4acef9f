package org.icewarp.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.fs.IndexRecord.Added;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(FolderState.class);

    /**
     * How folders of one store behave.
     *
     * @param snapshotRecords journal records after which the index is snapshotted and the journal rotated
     * @param journalMaxBytes journal size after which it is rotated too
     * @param checkpointDelayNanos how long a file written from the journal waits before it is fsynced
     * @param commitDelayNanos how long a commit leader waits, at most, for other writes so that one fsync covers them
     *     too (as PostgreSQL's commit_delay with commit_siblings). It waits while announced appends have not written
     *     their records yet, and, when the previous round covered several writes, until as many are pending again:
     *     the writers that round released are on their way back (with more writers than cores, the first to run would
     *     otherwise fsync alone and the rest form the next group, halving the group size). A lone writer, whose rounds
     *     cover one write, never waits.
     * @param background runs the writing of files from the journal and their checkpoints ({@code null}: never)
     * @param area where those files are written before they are renamed into the folder
     */
    record Config(
            int snapshotRecords,
            long journalMaxBytes,
            long checkpointDelayNanos,
            long commitDelayNanos,
            ScheduledExecutorService background,
            WriteArea area) {}

    private final Path dir;
    private final Path indexDir;
    private final Config config;
    private final ReentrantLock mutex = new ReentrantLock();
    private final ProcessLocks.Handle lockFile;
    /** The current journal generation's channel; replaced under {@link #mutex}, read by commit leaders without it. */
    private volatile FileChannel journal;
    /** The file of {@link #journal}, so a leader can fsync it through another descriptor when that one was closed. */
    private volatile Path journalPath;
    /** Channels replaced while records written through them may still await their fsync: the next leader forces them. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Retired> retired =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record Retired(FileChannel channel, Path path) {}

    private long gen;
    private long end;
    /** The journal generation we hold carries a seal: nothing may be appended to it. Under {@link #mutex}. */
    private boolean sealedCurrent;

    private FolderIndex index;
    private Totals totals;
    private volatile boolean closed;
    /** Another server deleted or renamed the folder: this state must be closed and the folder looked up again. */
    private volatile boolean gone;

    private volatile long writeSeq;
    private final AtomicBoolean dirDirty = new AtomicBoolean();
    private final Object sync = new Object();
    /** The highest write sequence known durable; written under {@link #sync}, read without it by woken followers. */
    private volatile long syncedSeq;
    /** Followers parked until the current round ends. Under {@link #sync}. */
    private final List<Thread> parked = new ArrayList<>();

    private boolean syncing;
    private IOException failure;
    /** Appends announced ({@link #announceAppend}) whose records are not written yet. Guarded by {@link #sync}. */
    private int unwritten;
    /** How many writes the last fsync round covered: the size the next group is expected to reach. Under {@link #sync}. */
    private long lastRound;
    /** A commit leader waits for more writes: each write wakes it. */
    private volatile boolean leaderWaiting;

    /** UID → {@link System#nanoTime} when this process wrote the message's file from the journal. Under mutex. */
    private final Map<Long, Long> writtenAt = new HashMap<>();
    /**
     * Messages whose files this process is to write from the journal: its own inline appends, and at load every
     * message the journal still holds. Under mutex.
     */
    private final java.util.TreeSet<Long> toWrite = new java.util.TreeSet<>();
    /**
     * Of {@link #toWrite}, those found at load: a file of theirs may exist but be damaged (written, not fsynced, before
     * a power loss), so it is replaced, under the folder's locks. Files of this process's own appends are only created
     * where none exists, without the locks. Under mutex.
     */
    private final Set<Long> toRewrite = new java.util.HashSet<>();

    private final AtomicBoolean materialiseQueued = new AtomicBoolean();
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();

    private FolderState(Path dir, Config config, ProcessLocks.Handle lockFile) {
        this.dir = dir;
        this.indexDir = dir.resolve(INDEX_DIR);
        this.config = config;
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
    static FolderState open(Path dir, Totals totals, Config config) throws IOException {
        if (!exists(dir)) {
            throw new NotFoundException("no folder at " + dir);
        }
        ProcessLocks.Handle lock = ProcessLocks.acquire(dir.resolve(INDEX_DIR).resolve("lock"), false);
        FolderState f = new FolderState(dir, config, lock);
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
                t = Journal.read(ch, 0, g, fresh::apply);
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
                retire();
            }
            fresh.attach(totals);
            index = fresh;
            setJournal(ch, Journal.journalFile(indexDir, g));
            gen = g;
            end = t.validEnd();
            sealedCurrent = false;
            if (!fresh.packed().isEmpty()) {
                // bytes only the journal holds (a crash, or another process's appends): give them their files
                toWrite.addAll(fresh.packed().keySet());
                toRewrite.addAll(fresh.packed().keySet());
                scheduleMaterialise();
            }
            return;
        }
    }

    /** Applies what other processes appended since we last looked. Under {@link #mutex}. */
    private void refresh(boolean forWrite) throws IOException {
        ensureJournalOpen();
        while (true) {
            if (!forWrite && journal.size() == end) {
                return;
            }
            long before = end;
            Journal.Tail t = Journal.read(journal, end, gen, index::apply);
            end = t.validEnd();
            if (end != before) {
                // records another process wrote may not be durable yet: readers wait for an fsync of the file first
                writeSeq = writeSeq + 1;
            }
            if (!t.sealed()) {
                break;
            }
            // Past a seal nothing may ever be written to this generation; until the next one is open, writes refuse.
            sealedCurrent = true;
            Path next = Journal.journalFile(indexDir, gen + 1);
            try {
                FileChannel ch = FileChannel.open(next, StandardOpenOption.READ, StandardOpenOption.WRITE);
                retire();
                setJournal(ch, next);
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

    private void setJournal(FileChannel ch, Path path) {
        journalPath = path;
        journal = ch;
    }

    /** Hands the current channel to the next commit leader, which forces and closes it. Under {@link #mutex}. */
    private void retire() {
        retired.add(new Retired(journal, journalPath));
    }

    /**
     * Reopens the journal when its channel was closed under us — a thread interrupted inside a write or fsync closes an
     * interruptible channel for every thread — instead of failing the folder until the store reopens. Under {@link
     * #mutex}.
     */
    private void ensureJournalOpen() throws IOException {
        ensureOpen();
        if (!journal.isOpen()) {
            setJournal(FileChannel.open(journalPath, StandardOpenOption.READ, StandardOpenOption.WRITE), journalPath);
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
                if (!Files.exists(journalPath)) {
                    // another server deleted or renamed the folder (holding its lock, so not during our change):
                    // writing on would acknowledge records in a directory that is gone
                    gone = true;
                    index.detach(); // its counts leave the account's totals now, not when someone next opens it
                    throw new NotFoundException("folder at " + dir + " was deleted or renamed by another server");
                }
                Batch batch = new Batch();
                T result = change.apply(index, batch);
                if (batch.directoryChanged) {
                    dirDirty.set(true);
                }
                if (batch.records.isEmpty()) {
                    return new Written<>(result, 0);
                }
                Journal.Framed framed = Journal.framed(batch.records);
                Journal.writeFully(journal, end, framed.bytes());
                boolean inline = false;
                for (int i = 0; i < batch.records.size(); i++) {
                    IndexRecord r = batch.records.get(i);
                    if (r instanceof IndexRecord.AddedInline ai) {
                        // applied as read back: where the bytes are, not the bytes
                        r = new IndexRecord.AddedInline(
                                ai.added(),
                                null,
                                gen,
                                end + framed.payloadEnds()[i] - ai.added().size());
                        toWrite.add(ai.added().uid());
                        inline = true;
                    }
                    index.apply(r);
                }
                end += framed.bytes().length;
                long seq = writeSeq + 1;
                writeSeq = seq;
                if (leaderWaiting) {
                    synchronized (sync) {
                        sync.notifyAll(); // one more write the waiting commit leader may count on
                    }
                }
                if (index.records() >= config.snapshotRecords() || end >= config.journalMaxBytes()) {
                    rotate();
                }
                if (inline) {
                    scheduleMaterialise();
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
        retire();
        setJournal(
                FileChannel.open(
                        Journal.journalFile(indexDir, next), StandardOpenOption.READ, StandardOpenOption.WRITE),
                Journal.journalFile(indexDir, next));
        gen = next;
        end = Journal.HEADER;
        sealedCurrent = false;
        index.resetRecordCount();
        markSynced(writeSeq);
        forgetJournals();
        Durable.removeTempFiles(indexDir);
    }

    /**
     * Deletes the journal generations before the current one that hold no bytes of a message without a durable file
     * (the snapshot covers their records). Under both locks.
     */
    private void forgetJournals() throws IOException {
        Set<Long> needed = index.packedGenerations();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(indexDir, "journal-*")) {
            for (Path p : ds) {
                long g;
                try {
                    g = Long.parseLong(p.getFileName().toString().substring("journal-".length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (g < gen && !needed.contains(g)) {
                    Files.deleteIfExists(p);
                }
            }
        }
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
        if (seq == 0 || syncedSeq >= seq) {
            return;
        }
        // Followers park and are unparked by the leader; a woken follower reads syncedSeq without the monitor, so a
        // round's waiters do not queue for it one after the other (with Object.wait they would).
        while (true) {
            synchronized (sync) {
                if (syncedSeq >= seq) {
                    return;
                }
                if (!syncing) {
                    if (failure != null) {
                        throw new IOException("an earlier fsync of " + dir + " failed", failure);
                    }
                    syncing = true;
                    awaitSiblings();
                    break;
                }
                parked.add(Thread.currentThread());
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                synchronized (sync) {
                    parked.remove(Thread.currentThread());
                }
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for fsync");
            }
            if (syncedSeq >= seq) {
                return;
            }
        }
        // every record up to target was written through the current channel or one retired before it was read
        long target = writeSeq;
        FileChannel ch = journal;
        Path path = journalPath;
        List<Retired> old = new ArrayList<>();
        for (Retired r; (r = retired.poll()) != null; ) {
            old.add(r);
        }
        IOException error = null;
        boolean interrupted = false;
        try {
            if (dirDirty.getAndSet(false)) {
                Durable.fsyncDirectory(dir);
            }
            for (Retired r : old) {
                force(r.channel(), r.path());
                r.channel().close();
            }
            force(ch, path);
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            interrupted = true; // this thread's interrupt, not a failed fsync: the next waiter leads
            error = e;
        } catch (IOException e) {
            error = e;
        }
        synchronized (sync) {
            syncing = false;
            if (error == null) {
                lastRound = Math.max(1, target - syncedSeq);
                syncedSeq = Math.max(syncedSeq, target);
            } else if (!interrupted) {
                failure = error; // after a failed fsync the page cache cannot be trusted: no retry (fsyncgate)
            }
            wakeParked();
        }
        if (interrupted) {
            retired.addAll(old.stream().filter(r -> r.channel().isOpen()).toList());
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while forcing the index journal of " + dir);
        }
        if (error != null) {
            throw error;
        }
    }

    /**
     * The new leader's wait for other writes to share its fsync (see {@link Config#commitDelayNanos}). Under {@link
     * #sync}; on interrupt the leadership is given up.
     */
    private void awaitSiblings() throws InterruptedIOException {
        // a leader holding the folder's lock (a reader) would only wait for appends that cannot write meanwhile
        long deadline = System.nanoTime() + (mutex.isHeldByCurrentThread() ? 0 : config.commitDelayNanos());
        for (long left;
                (unwritten > 0 || writeSeq - syncedSeq < lastRound) && (left = deadline - System.nanoTime()) > 0; ) {
            try {
                leaderWaiting = true;
                sync.wait(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                leaderWaiting = false;
                syncing = false;
                wakeParked();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for fsync");
            }
        }
        leaderWaiting = false;
    }

    /**
     * Forces a journal file. When its channel was closed by another thread's interrupt (or replaced), the file is forced
     * through a new descriptor: fsync covers the file's data whichever descriptor wrote it. A file that is gone was
     * rotated away after the rotating process forced it.
     */
    private static void force(FileChannel ch, Path path) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted before fsync");
        }
        try {
            ch.force(false);
            return;
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (ClosedChannelException e) {
            // closed under us: use another descriptor
        }
        try (FileChannel again = FileChannel.open(path, StandardOpenOption.READ)) {
            again.force(false);
        } catch (NoSuchFileException e) {
            // deleted by a rotation, which forced it first
        }
    }

    /** Whether a commit leader is waiting for more writes before its fsync (for tests). */
    boolean leaderWaiting() {
        return leaderWaiting;
    }

    /** The highest write sequence known durable (for tests). */
    long syncedSeq() {
        synchronized (sync) {
            return syncedSeq;
        }
    }

    private void markSynced(long seq) {
        synchronized (sync) {
            syncedSeq = Math.max(syncedSeq, seq);
            wakeParked();
        }
    }

    /** Unparks the followers of the round that ended. Under {@link #sync}. */
    private void wakeParked() {
        for (Thread t : parked) {
            LockSupport.unpark(t);
        }
        parked.clear();
        sync.notifyAll();
    }

    // ---- messages kept in the journal

    /**
     * Opens a message's bytes (from {@code offset}, at most {@code length}): its file or, while it has no durable file,
     * its bytes in the journal.
     *
     * @return null when the folder has no such message
     * @throws NoSuchFileException when its file disappeared (removed by hand, or expunged meanwhile)
     */
    InputStream openContent(long uid, long offset, long length) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Added a;
            FolderIndex.PackRef ref;
            mutex.lock();
            try {
                ensureOpen();
                refresh(false);
                awaitDurable(writeSeq);
                a = index.messages().get(uid);
                ref = index.packed().get(uid);
            } finally {
                mutex.unlock();
            }
            if (a == null) {
                return null;
            }
            try {
                if (ref == null) {
                    return new RangeInputStream(
                            FileChannel.open(dir.resolve(a.file()), StandardOpenOption.READ), offset, length);
                }
                long from = Math.min(offset, a.size());
                return new RangeInputStream(
                        FileChannel.open(Journal.journalFile(indexDir, ref.gen()), StandardOpenOption.READ),
                        ref.offset() + from,
                        Math.min(length, a.size() - from));
            } catch (NoSuchFileException e) {
                // a checkpoint let the journal forget it, or the file was expunged: look at the index again
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The bytes of a message kept in the journal, for a copy to another folder.
     *
     * @throws NoSuchFileException when the journal forgot them meanwhile (the message has its file by now)
     */
    byte[] packedBytes(FolderIndex.PackRef ref, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(Journal.journalFile(indexDir, ref.gen()), StandardOpenOption.READ)) {
            byte[] b = Journal.readFully(ch, ref.offset(), (int) size);
            if (b.length != size) {
                throw new IOException("index journal of " + dir + " ends inside a message");
            }
            return b;
        }
    }

    /**
     * How long new files wait to be written from the journal. Creating files dirties file-system metadata that the next
     * fsync of any journal must commit too; writing them in batches keeps that out of most commits.
     */
    static final long MATERIALISE_DELAY_NANOS = Long.getLong("icewarp.fs.materialise-delay-ms", 1000) * 1_000_000;

    private void scheduleMaterialise() {
        scheduleMaterialise(MATERIALISE_DELAY_NANOS);
    }

    private void scheduleMaterialise(long delayNanos) {
        ScheduledExecutorService bg = config.background();
        if (bg != null && materialiseQueued.compareAndSet(false, true)) {
            try {
                bg.schedule(() -> background(true), delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                materialiseQueued.set(false); // the store is closing; the next open writes the files
            }
        }
    }

    private void scheduleCheckpoint(long delayNanos) {
        ScheduledExecutorService bg = config.background();
        if (bg != null && checkpointQueued.compareAndSet(false, true)) {
            try {
                bg.schedule(() -> background(false), delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                checkpointQueued.set(false);
            }
        }
    }

    private void background(boolean materialise) {
        (materialise ? materialiseQueued : checkpointQueued).set(false);
        try {
            if (materialise) {
                materialise();
            } else {
                checkpoint(false);
            }
        } catch (NotFoundException e) {
            // the folder was deleted or renamed: nothing left to do here
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "could not {} message files of {} (retrying in a second): {}",
                    materialise ? "write" : "checkpoint",
                    dir,
                    e.toString());
            if (materialise) {
                scheduleMaterialise(TimeUnit.SECONDS.toNanos(1));
            } else {
                scheduleCheckpoint(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /**
     * Gives every message whose bytes only the journal holds, and whose file this process has not written yet, its
     * file: written in the write area from the journal and renamed into the folder, without fsync ({@link #checkpoint}
     * makes them durable later, when that is cheap). Until then reads use the journal's bytes.
     *
     * @return whether messages are left for another round
     */
    boolean materialise() throws IOException {
        record Todo(long uid, FolderIndex.PackRef ref, String file, long size, boolean replace) {}
        List<Todo> todo = new ArrayList<>();
        boolean more;
        mutex.lock();
        try {
            ensureOpen();
            refresh(false);
            for (int n = 0; n < 4096 && !toWrite.isEmpty(); n++) { // the rest in another round
                long uid = toWrite.pollFirst();
                boolean replace = toRewrite.remove(uid);
                FolderIndex.PackRef ref = index.packed().get(uid);
                if (ref != null && !writtenAt.containsKey(uid)) {
                    Added a = index.messages().get(uid);
                    todo.add(new Todo(uid, ref, a.file(), a.size(), replace));
                }
            }
            more = !toWrite.isEmpty();
            if (more) {
                scheduleMaterialise(0); // the rest in the next round, so the folder's lock is not held for long
            }
        } finally {
            mutex.unlock();
        }
        if (todo.isEmpty()) {
            return more;
        }
        Map<Long, Path> temps = new LinkedHashMap<>();
        Map<Long, FileChannel> gens = new HashMap<>();
        boolean done = false;
        try {
            for (Todo t : todo) {
                FileChannel src = gens.get(t.ref().gen());
                if (src == null) {
                    try {
                        src = FileChannel.open(
                                Journal.journalFile(indexDir, t.ref().gen()), StandardOpenOption.READ);
                    } catch (NoSuchFileException e) {
                        continue; // forgotten meanwhile: the message has a durable file
                    }
                    gens.put(t.ref().gen(), src);
                }
                Path temp = config.area().newTempFile("inline");
                temps.put(t.uid(), temp);
                // a kernel-side copy (copy_file_range/sendfile): the bytes never pass through the heap
                try (FileChannel out =
                        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long position = t.ref().offset();
                    long left = t.size();
                    while (left > 0) {
                        long n = src.transferTo(position, left, out);
                        if (n <= 0) {
                            throw new IOException("index journal of " + dir + " ends inside message " + t.uid());
                        }
                        position += n;
                        left -= n;
                    }
                }
            }
            // Own appends: the file is created only where none exists (any file of that name was made from the same
            // journal bytes: the append removed leftovers of crashed appends), outside the folder's locks, so appends
            // never wait for this. A file created for a message expunged meanwhile is removed again below.
            List<Long> created = new ArrayList<>();
            List<Todo> replace = new ArrayList<>();
            for (Todo t : todo) {
                Path temp = temps.get(t.uid());
                if (temp == null) {
                    continue;
                }
                if (t.replace()) {
                    replace.add(t);
                    continue;
                }
                try {
                    Files.createLink(dir.resolve(t.file()), temp);
                    created.add(t.uid());
                } catch (FileAlreadyExistsException e) {
                    created.add(t.uid()); // another process wrote it from the same bytes
                } catch (UnsupportedOperationException | FileSystemException e) {
                    replace.add(t); // no hard links here: rename under the locks instead
                }
            }
            List<Path> orphans = new ArrayList<>();
            mutex.lock();
            try {
                ensureOpen();
                refresh(false);
                long now = System.nanoTime();
                Map<Long, String> files = new HashMap<>();
                todo.forEach(t -> files.put(t.uid(), t.file()));
                for (long uid : created) {
                    if (index.packed().containsKey(uid)) {
                        writtenAt.put(uid, now);
                    } else if (!index.messages().containsKey(uid)) {
                        orphans.add(dir.resolve(files.get(uid)));
                    }
                }
            } finally {
                mutex.unlock();
            }
            for (Path orphan : orphans) {
                Files.deleteIfExists(orphan);
            }
            if (!replace.isEmpty()) {
                // after a crash: replace what may be damaged, under the locks, so that a durable file another
                // process made (its checkpoint holds the same locks) is never replaced by one that is not
                write((idx, b) -> {
                    long now = System.nanoTime();
                    for (Todo t : replace) {
                        if (idx.packed().containsKey(t.uid())) {
                            Durable.move(temps.get(t.uid()), dir.resolve(t.file()));
                            writtenAt.put(t.uid(), now);
                        }
                    }
                    return null;
                });
            }
            done = true;
        } finally {
            if (!done) {
                mutex.lock();
                try {
                    todo.forEach(t -> {
                        toWrite.add(t.uid()); // tried again later
                        if (t.replace()) {
                            toRewrite.add(t.uid());
                        }
                    });
                } finally {
                    mutex.unlock();
                }
            }
            for (FileChannel ch : gens.values()) {
                ch.close();
            }
            for (Path temp : temps.values()) {
                Files.deleteIfExists(temp);
            }
        }
        scheduleCheckpoint(config.checkpointDelayNanos());
        return more;
    }

    /**
     * Makes the files {@link #materialise} wrote at least the checkpoint delay ago ({@code all}: every one) durable —
     * fsync of each file and of the directory — then journals that they are, so that the journal generations holding
     * their bytes can be deleted. Written long enough ago, the kernel has usually flushed them already and the fsyncs
     * cost little.
     */
    void checkpoint(boolean all) throws IOException {
        long now = System.nanoTime();
        Map<Long, String> due = new LinkedHashMap<>();
        mutex.lock();
        try {
            ensureOpen();
            for (var it = writtenAt.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                Added a = index.messages().get(e.getKey());
                if (a == null) {
                    it.remove(); // expunged
                } else if (all || now - e.getValue() >= config.checkpointDelayNanos()) {
                    due.put(e.getKey(), a.file());
                }
            }
        } finally {
            mutex.unlock();
        }
        if (!due.isEmpty()) {
            // the expensive part outside the folder's locks
            Map<Long, Object> synced = new HashMap<>();
            for (var e : due.entrySet()) {
                Object key = fsyncFile(dir.resolve(e.getValue()));
                if (key != null) {
                    synced.put(e.getKey(), key);
                }
            }
            Written<Void> w = write((idx, b) -> {
                List<Long> done = new ArrayList<>();
                for (var e : due.entrySet()) {
                    writtenAt.remove(e.getKey());
                    if (!idx.packed().containsKey(e.getKey())) {
                        continue; // expunged, or made durable by another process
                    }
                    Path file = dir.resolve(e.getValue());
                    Object key = synced.get(e.getKey());
                    // another process may have renamed its own copy over ours since: that inode needs its fsync
                    if (key == null || !key.equals(fileKey(file))) {
                        if (fsyncFile(file) == null) {
                            continue; // no file after all: it stays in the journal, written again on the next open
                        }
                    }
                    done.add(e.getKey());
                }
                if (!done.isEmpty()) {
                    Durable.fsyncDirectory(dir);
                    b.add(new IndexRecord.Materialised(
                            done.stream().mapToLong(Long::longValue).toArray()));
                }
                return null;
            });
            awaitDurable(w.seq());
        }
        write((idx, b) -> {
            forgetJournals();
            return null;
        });
        boolean more;
        mutex.lock();
        try {
            more = !writtenAt.isEmpty();
        } finally {
            mutex.unlock();
        }
        if (more && !all) {
            scheduleCheckpoint(config.checkpointDelayNanos());
        }
    }

    /** Fsyncs a file; returns its file key, or null when it does not exist. */
    private static Object fsyncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
            return fileKey(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? file : key; // no inode numbers here: assume unchanged
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Reads the index (after picking up other processes' changes) under the folder's lock. */
    <T> T read(java.util.function.Function<FolderIndex, T> reader) throws IOException {
        mutex.lock();
        try {
            ensureOpen();
            refresh(false);
            // readers see only durable records: a UID shown to a client is never handed out again after a power loss.
            // Holding the lock, nothing new is written meanwhile; the leader does not need the lock.
            awaitDurable(writeSeq);
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

    /** Whether this state was closed (deleted, renamed, or the store closed): open the folder again. */
    boolean isClosed() {
        return closed || gone;
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
                for (Retired r; (r = retired.poll()) != null; ) {
                    r.channel().close();
                }
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
