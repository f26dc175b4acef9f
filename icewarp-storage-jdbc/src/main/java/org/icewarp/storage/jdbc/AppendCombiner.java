package org.icewarp.storage.jdbc;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.QuotaExceededException;
import org.icewarp.storage.StorageException;
import org.icewarp.storage.StorageUnavailableException;
import org.icewarp.storage.UidSet;

/**
 * Group commit for small appends (messages that fit in one chunk, read into memory by the appender). Every append
 * must hold its mailbox row lock through its commit (UIDs become visible in order, quotas are exact), so appends to
 * one account would otherwise commit one by one, one disk flush each. Instead appenders queue per account; the
 * appender that holds the account's queue writes everything queued for it, up to {@link #MAX_BATCH} messages, in one
 * transaction, and completes the others' appends. A batch never mixes accounts, so one account's lock contention (a
 * long EXPUNGE, a recount, another server's batch) delays that account's appends only. Each append still gets exactly
 * the outcome it would have had alone: a missing folder, an exceeded quota or an exhausted UID space fails that append
 * only; a failure of the database fails the whole batch, none of it committed.
 *
 * <p>An appender waits at most {@code group-commit.max-wait} for its message to be taken into a batch; after that it
 * takes its message back and fails with {@link StorageUnavailableException} (nothing was written). A message already
 * taken into a batch waits for that batch's outcome, which the database's lock and network timeouts bound.
 */
final class AppendCombiner {
    static final int MAX_BATCH = 64;

    private final Database db;
    private final ChangeFeed feed;
    private final long maxWaitNanos;
    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder batches = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder written = new java.util.concurrent.atomic.LongAdder();

    AppendCombiner(Database db, ChangeFeed feed) {
        this.db = db;
        this.feed = feed;
        this.maxWaitNanos = db.settings().groupCommitMaxWait().toNanos();
    }

    /**
     * One account's queue and whether an appender is writing for it; guarded by its monitor. It leaves the map when
     * its last member leaves ({@code retired}), so idle accounts cost nothing.
     */
    private static final class Queue {
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        boolean writing;
        int members;
        boolean retired;
    }

    private static final class Pending {
        final EmailAddress account;
        final String key;
        final FolderName folder;
        final byte[] data;
        final AppendRequest request;
        volatile boolean done;
        AppendResult result;
        RuntimeException failure;

        Pending(EmailAddress account, FolderName folder, byte[] data, AppendRequest request) {
            this.account = account;
            this.key = MailboxSql.key(account);
            this.folder = folder;
            this.data = data;
            this.request = request;
        }
    }

    /**
     * Appends a message held in {@code data}; durable when it returns, and this store's listeners have heard of it.
     * The appender queues its message; when no one is writing for the account it becomes the writer and writes
     * everything queued, else it waits until its message was written or the queue is free. Appenders arriving while
     * a batch commits therefore form the next batch.
     *
     * @throws StorageUnavailableException when the message waited longer than {@code group-commit.max-wait} to be
     *     written (it was not), or the database failed
     */
    AppendResult append(EmailAddress account, FolderName folder, byte[] data, AppendRequest request) {
        Pending mine = new Pending(account, folder, data, request);
        Queue queue = join(mine);
        boolean interrupted = false;
        long deadline = System.nanoTime() + maxWaitNanos;
        try {
            while (true) {
                List<Pending> batch = new ArrayList<>();
                synchronized (queue) {
                    while (!mine.done && queue.writing) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 && queue.pending.remove(mine)) {
                            throw new StorageUnavailableException("appending to '" + folder + "' of " + account
                                    + " waited more than " + maxWaitNanos / 1_000_000 + " ms (group-commit.max-wait)"
                                    + " for the account's earlier appends; nothing was written");
                        }
                        try {
                            // once taken into a batch, wait for its outcome (bounded by the database's timeouts)
                            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(
                                    queue, left > 0 ? left : java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
                        } catch (InterruptedException e) {
                            // the append is queued and will be written: finish it, then restore the flag
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        break;
                    }
                    queue.writing = true;
                    for (Pending p; batch.size() < MAX_BATCH && (p = queue.pending.poll()) != null; ) {
                        batch.add(p);
                    }
                }
                try {
                    write(batch);
                } finally {
                    synchronized (queue) {
                        queue.writing = false;
                        queue.notifyAll();
                    }
                }
            }
        } finally {
            leave(mine.key, queue);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private Queue join(Pending p) {
        while (true) {
            Queue q = queues.computeIfAbsent(p.key, k -> new Queue());
            synchronized (q) {
                if (!q.retired) {
                    q.members++;
                    q.pending.add(p);
                    return q;
                }
            }
        }
    }

    private void leave(String key, Queue q) {
        synchronized (q) {
            if (--q.members == 0) {
                q.retired = true;
                queues.remove(key, q);
            }
        }
    }

    /** Accounts with appenders queued or writing (tests). */
    int activeQueues() {
        return queues.size();
    }

    /** What one attempt of a batch decided for each append. */
    private record Outcome(Map<Pending, Object> results, List<MailboxEvent> events) {}

    /** Appends written per transaction on average so far, for tests and tuning. */
    double averageBatch() {
        long b = batches.sum();
        return b == 0 ? 0 : (double) written.sum() / b;
    }

    /**
     * Writes a batch and completes its members. Their events are fired before any member is marked done, so every
     * appender's own listeners have heard of its message when its append returns. Whatever goes wrong, every member
     * is completed (an {@link Error} fails them all and is rethrown to the writer).
     */
    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batches.increment();
        written.add(batch.size());
        Outcome outcome;
        try {
            outcome = db.tx("appending " + batch.size() + " message(s)", c -> attempt(c, batch));
        } catch (RuntimeException e) {
            complete(batch, e);
            return;
        } catch (Throwable e) {
            complete(batch, new StorageUnavailableException("appending failed: " + e, e));
            throw e;
        }
        for (Pending p : batch) {
            Object r = outcome.results().get(p);
            if (r instanceof AppendResult a) {
                p.result = a;
            } else {
                p.failure = (RuntimeException) r;
            }
        }
        try {
            feed.fire(outcome.events());
        } finally {
            for (Pending p : batch) {
                p.done = true;
            }
        }
    }

    private static void complete(List<Pending> batch, RuntimeException failure) {
        for (Pending p : batch) {
            p.failure = failure;
            p.done = true;
        }
    }

    /** A locked folder's state as the batch advances it. */
    private static final class FolderState {
        final FolderRow row;
        long uidNext;
        long messages;
        long unseen;
        long bytes;

        FolderState(FolderRow row) {
            this.row = row;
            this.uidNext = row.uidNext();
        }
    }

    private Outcome attempt(Connection c, List<Pending> batch) throws SQLException {
        Map<Pending, Object> results = new HashMap<>();
        // lock the mailboxes in key order, then their folders
        Map<String, long[]> mailboxes = new TreeMap<>();
        for (Pending p : batch) {
            mailboxes.putIfAbsent(p.key, null);
        }
        Map<String, EmailAddress> accounts = new HashMap<>();
        batch.forEach(p -> accounts.putIfAbsent(p.key, p.account));
        for (String key : new ArrayList<>(mailboxes.keySet())) {
            try {
                mailboxes.put(key, MailboxSql.lockMailbox(c, accounts.get(key)));
            } catch (NotFoundException e) {
                mailboxes.remove(key);
            }
        }
        Map<String, FolderState> folders = new LinkedHashMap<>();
        Map<String, Long> addedBytes = new HashMap<>();
        Map<String, Long> addedMessages = new HashMap<>();
        List<Pending> accepted = new ArrayList<>();
        List<MessageMetadata> metas = new ArrayList<>();
        List<MailboxEvent> events = new ArrayList<>();
        for (Pending p : batch) {
            long[] mailbox = mailboxes.get(p.key);
            if (mailbox == null) {
                results.put(p, new NotFoundException("account " + p.account + " has no mailbox"));
                continue;
            }
            String folderKey = p.key + "\n" + p.folder.value();
            FolderState f = folders.get(folderKey);
            if (f == null) {
                try {
                    f = new FolderState(MailboxSql.folder(c, mailbox[0], p.account, p.folder, true));
                } catch (StorageException e) {
                    results.put(p, e);
                    continue;
                }
                folders.put(folderKey, f);
            }
            long total = mailbox[2] + addedBytes.getOrDefault(p.key, 0L);
            if (p.request.quotaBytes() > 0 && total + p.data.length > p.request.quotaBytes()) {
                results.put(
                        p,
                        new QuotaExceededException("account " + p.account + " would exceed its quota of "
                                + p.request.quotaBytes() + " bytes"));
                continue;
            }
            if (f.uidNext > UidSet.MAX) {
                results.put(
                        p, new ConflictException("folder '" + p.folder + "' of " + p.account + " has used every UID"));
                continue;
            }
            long uid = f.uidNext++;
            f.messages++;
            f.unseen += p.request.flags().has(Flag.SEEN) ? 0 : 1;
            f.bytes += p.data.length;
            addedBytes.merge(p.key, (long) p.data.length, Long::sum);
            addedMessages.merge(p.key, 1L, Long::sum);
            accepted.add(p);
            metas.add(new MessageMetadata(uid, p.data.length, p.request.internalDate(), p.request.flags()));
            results.put(p, new AppendResult(uid, f.row.uidValidity(), uid + 1, p.data.length));
            events.add(new MailboxEvent.MessageAdded(p.account, p.folder, f.row.uidValidity(), uid));
        }
        if (!accepted.isEmpty()) {
            long[] contentIds = insertContents(c, accepted);
            try (PreparedStatement chunks =
                            c.prepareStatement("INSERT INTO iw_chunks (content_id, seq, data) VALUES (?, 0, ?)");
                    PreparedStatement messages = c.prepareStatement("INSERT INTO iw_messages (folder_id, uid,"
                            + " msg_size, internal_date, flags, keywords, seen, content_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < accepted.size(); i++) {
                    Pending p = accepted.get(i);
                    MessageMetadata m = metas.get(i);
                    if (p.data.length > 0) {
                        chunks.setLong(1, contentIds[i]);
                        chunks.setBinaryStream(2, new ByteArrayInputStream(p.data), p.data.length);
                        chunks.addBatch();
                    }
                    messages.setLong(
                            1, folders.get(p.key + "\n" + p.folder.value()).row.id());
                    messages.setLong(2, m.uid());
                    messages.setLong(3, m.size());
                    messages.setLong(4, Micros.of(m.internalDate()));
                    messages.setInt(5, Bits.flags(m.flags()));
                    messages.setString(6, Bits.keywords(m.flags()));
                    messages.setBoolean(7, m.flags().has(Flag.SEEN));
                    messages.setLong(8, contentIds[i]);
                    messages.addBatch();
                }
                chunks.executeBatch();
                messages.executeBatch();
            }
            for (FolderState f : folders.values()) {
                if (f.messages > 0) {
                    MailboxSql.advance(c, f.row.id(), f.uidNext, f.messages, f.unseen, f.messages, f.bytes);
                }
            }
            for (Map.Entry<String, Long> e : addedMessages.entrySet()) {
                MailboxSql.addTotals(c, mailboxes.get(e.getKey())[0], e.getValue(), addedBytes.get(e.getKey()));
            }
            feed.record(c, events);
        }
        return new Outcome(results, events);
    }

    /** One content row per message, in one batch; the generated ids come back in order. */
    private long[] insertContents(Connection c, List<Pending> accepted) throws SQLException {
        long[] ids = new long[accepted.size()];
        try (PreparedStatement p = db.dialect()
                .prepareInsertReturningId(c, "INSERT INTO iw_contents (content_size, chunk_size) VALUES (?, ?)")) {
            for (Pending a : accepted) {
                p.setLong(1, a.data.length);
                p.setInt(2, db.settings().chunkSize());
                p.addBatch();
            }
            p.executeBatch();
            int i = 0;
            try (ResultSet r = p.getGeneratedKeys()) {
                while (r.next() && i < ids.length) {
                    ids[i++] = r.getLong(1);
                }
            }
            if (i != ids.length) {
                throw new SQLException("the driver returned " + i + " generated keys for " + ids.length + " rows");
            }
        }
        return ids;
    }
}
