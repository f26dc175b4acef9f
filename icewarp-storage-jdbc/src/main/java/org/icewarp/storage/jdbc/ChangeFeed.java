package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxListener;
import org.icewarp.storage.MailboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change notifications. Listeners in this store hear its own changes directly, after commit, on the thread that made
 * them. Every change is also written to {@code iw_change_log} in the transaction that makes it, so other stores on
 * the same database (other servers) hear it too: a thread per store reads the rows written by other stores and hands
 * them to its listeners. On PostgreSQL it wakes on {@code NOTIFY}; elsewhere it looks every {@code
 * notify.poll-interval}.
 *
 * <p>Row ids come from a sequence but commit out of order. The reader remembers the highest id it has delivered and
 * the ids below it it has not seen yet (a transaction still committing, or a rolled-back one); it looks those up by
 * id and waits up to {@link #GAP_TIMEOUT} for each before giving it up with a warning. At most {@link #MAX_MISSING}
 * such ids are tracked: a larger gap (a log that was emptied, a sequence that jumped) is given up at once, with a
 * warning, instead of costing memory per id. Rows older than {@link #RETENTION} are deleted, except the newest, so
 * that a store opened later still starts where the sequence is.
 */
final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RETENTION = Duration.ofMinutes(10);
    /** The most missing ids waited for at once; each costs a map entry and a place in an {@code IN} list. */
    static final int MAX_MISSING = 10_000;

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int BATCH = 1000;
    private static final int LOOKUP = 100;
    private static final int LOOKUPS_PER_POLL = 10;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Database db;
    private final String origin = UUID.randomUUID().toString();
    private final CopyOnWriteArrayList<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    private final Wakeup wakeup;
    private final Thread thread;
    private volatile boolean running = true;

    // reader state, touched by the feed thread only (and by tests through poll() while it is parked)
    private long highest;
    private final TreeMap<Long, Long> missingSince = new TreeMap<>();
    private long lastPrune;
    private int failures;

    ChangeFeed(Database db) {
        this.db = db;
        // listen first, then read where the log ends: a change committed in between is read, not missed
        this.wakeup = db.dialect().wakeup(db.settings());
        try {
            this.highest = db.tx("reading the change log", ChangeFeed::newestId);
        } catch (RuntimeException | Error e) {
            wakeup.close();
            throw e;
        }
        this.lastPrune = System.nanoTime() - PRUNE_EVERY.toNanos();
        this.thread = new Thread(this::run, "icewarp-jdbc-changes-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private static long newestId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(id) FROM iw_change_log")) {
            r.next();
            return r.getLong(1);
        }
    }

    MailboxStore.Registration add(MailboxListener listener) {
        Objects.requireNonNull(listener, "listener");
        MailboxListener wrapper = listener::onEvent;
        listeners.add(wrapper);
        return () -> listeners.remove(wrapper);
    }

    /**
     * Writes {@code events} to the change log in the caller's transaction (on PostgreSQL a trigger announces it at
     * commit).
     */
    void record(Connection c, List<MailboxEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO iw_change_log (origin, created_at, payload) VALUES (?, ?, ?)")) {
            p.setString(1, origin);
            p.setLong(2, Micros.of(db.settings().clock().instant()));
            p.setString(3, EventCodec.encode(events));
            p.executeUpdate();
        }
    }

    /** Tells this store's listeners about its own committed changes. */
    void fire(List<MailboxEvent> events) {
        for (MailboxEvent e : events) {
            for (MailboxListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException ex) {
                    LOG.warn("mailbox listener failed on {}", e, ex);
                }
            }
        }
    }

    private void run() {
        Duration interval = db.settings().notifyPollInterval();
        while (running) {
            try {
                if (failures == 0) {
                    wakeup.await(interval);
                } else {
                    // back off while the database is away (or something keeps failing): interval, 2x, 4x, ... 30 s
                    long factor = 1L << Math.min(failures - 1, 16);
                    Thread.sleep(Math.min(MAX_BACKOFF.toMillis(), interval.toMillis() * factor));
                }
                if (!running) {
                    return;
                }
                poll();
                prune();
                if (failures > 0) {
                    LOG.info(
                            "change feed on {} reads the change log again",
                            db.settings().redactedUrl());
                    failures = 0;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) { // the feed thread must outlive anything, even an Error, or listeners go deaf
                if (!running) {
                    return;
                }
                if (failures == 0) {
                    LOG.warn(
                            "change feed on {} cannot read the change log, retrying: {}",
                            db.settings().redactedUrl(),
                            JdbcSettings.redact(e.toString()),
                            e instanceof RuntimeException ? null : e);
                }
                failures++;
            }
        }
    }

    private record Row(long id, String origin, String payload) {}

    /** How many missing ids are being waited for (tests). */
    int missingCount() {
        return missingSince.size();
    }

    /** One look at the change log: the missing ids first, then new rows above the highest delivered id. */
    void poll() {
        long now = System.nanoTime();
        if (!missingSince.isEmpty()) {
            List<Long> wanted = new ArrayList<>();
            for (Long id : missingSince.keySet()) {
                if (wanted.size() == LOOKUP * LOOKUPS_PER_POLL) {
                    break;
                }
                wanted.add(id);
            }
            for (int i = 0; i < wanted.size(); i += LOOKUP) {
                List<Long> part = wanted.subList(i, Math.min(wanted.size(), i + LOOKUP));
                for (Row row : db.tx("reading the change log", c -> missing(c, part))) {
                    if (missingSince.remove(row.id()) != null) {
                        deliver(row);
                    }
                }
            }
        }
        for (int round = 0; round < 10; round++) {
            long after = highest;
            List<Row> rows = db.tx("reading the change log", c -> after(c, after));
            for (Row row : rows) {
                if (row.id() <= highest) {
                    continue;
                }
                noteGap(row.id(), now);
                highest = row.id();
                deliver(row);
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        abandon(now);
    }

    /** Remembers the ids between the highest delivered one and {@code id} as missing, at most {@link #MAX_MISSING}. */
    private void noteGap(long id, long now) {
        long from = highest + 1;
        if (id - from > MAX_MISSING) {
            LOG.warn(
                    "change feed on {}: change-log ids {} to {} were never seen and are not waited for; listeners may"
                            + " have missed changes made through other servers",
                    db.settings().redactedUrl(),
                    from,
                    id - MAX_MISSING - 1);
            from = id - MAX_MISSING;
        }
        for (long m = from; m < id; m++) {
            missingSince.put(m, now);
        }
        if (missingSince.size() > MAX_MISSING) {
            long first = missingSince.firstKey();
            long last = first;
            int dropped = 0;
            while (missingSince.size() > MAX_MISSING) {
                last = missingSince.pollFirstEntry().getKey();
                dropped++;
            }
            LOG.warn(
                    "change feed on {}: gave up waiting for {} change-log id(s) between {} and {} (too many missing);"
                            + " listeners may have missed changes made through other servers",
                    db.settings().redactedUrl(),
                    dropped,
                    first,
                    last);
        }
    }

    /** Gives up ids missing for longer than {@link #GAP_TIMEOUT}: rolled back, or lost to the pruner. */
    private void abandon(long now) {
        int dropped = 0;
        long first = 0;
        long last = 0;
        for (var it = missingSince.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> e = it.next();
            if (now - e.getValue() > GAP_TIMEOUT.toNanos()) {
                if (dropped++ == 0) {
                    first = e.getKey();
                }
                last = e.getKey();
                it.remove();
            }
        }
        if (dropped > 0) {
            // usually a rolled-back transaction; a row that committed later than this was not delivered
            LOG.warn(
                    "change feed on {}: gave up waiting for {} change-log id(s) between {} and {} after {} s",
                    db.settings().redactedUrl(),
                    dropped,
                    first,
                    last,
                    GAP_TIMEOUT.toSeconds());
        }
    }

    private void deliver(Row row) {
        if (row.origin().equals(origin)) {
            return;
        }
        List<MailboxEvent> events;
        try {
            events = EventCodec.decode(row.payload());
        } catch (RuntimeException e) {
            LOG.warn("change log row {} cannot be read, skipped: {}", row.id(), e.toString());
            return;
        }
        fire(events);
    }

    private static List<Row> after(Connection c, long after) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, origin, payload FROM iw_change_log WHERE id > ? ORDER BY id LIMIT " + BATCH)) {
            p.setLong(1, after);
            return rows(p);
        }
    }

    private static List<Row> missing(Connection c, List<Long> ids) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, origin, payload FROM iw_change_log WHERE id IN (" + marks + ") ORDER BY id")) {
            for (int i = 0; i < ids.size(); i++) {
                p.setLong(i + 1, ids.get(i));
            }
            return rows(p);
        }
    }

    private static List<Row> rows(PreparedStatement p) throws SQLException {
        try (ResultSet r = p.executeQuery()) {
            List<Row> out = new ArrayList<>();
            while (r.next()) {
                out.add(new Row(r.getLong(1), r.getString(2), r.getString(3)));
            }
            return out;
        }
    }

    /** Deletes rows older than {@link #RETENTION}, never the newest: it tells a store opened later where ids are. */
    void prune() {
        long now = System.nanoTime();
        if (now - lastPrune < PRUNE_EVERY.toNanos()) {
            return;
        }
        lastPrune = now;
        long before = Micros.of(db.settings().clock().instant().minus(RETENTION));
        db.tx("pruning the change log", c -> {
            long newest = newestId(c);
            try (PreparedStatement p =
                    c.prepareStatement("DELETE FROM iw_change_log WHERE created_at < ? AND id < ?")) {
                p.setLong(1, before);
                p.setLong(2, newest);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wakeup.close();
    }
}
