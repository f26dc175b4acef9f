package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
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
 * <p>Row ids come from a sequence but commit out of order, so the reader keeps a floor below which every id has been
 * seen, remembers ids above it that it delivered, and waits up to {@link #GAP_TIMEOUT} for a missing id (a transaction
 * still committing) before giving it up (a rolled-back one). Rows older than {@link #RETENTION} are deleted.
 */
final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final int BATCH = 1000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Database db;
    private final String origin = UUID.randomUUID().toString();
    private final CopyOnWriteArrayList<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    private final Wakeup wakeup;
    private final Thread thread;
    private volatile boolean running = true;

    // reader state, touched by the feed thread only
    private long floor;
    private final TreeSet<Long> delivered = new TreeSet<>();
    private final Map<Long, Long> missingSince = new HashMap<>();
    private long lastPrune;
    private boolean failing;

    ChangeFeed(Database db) {
        this.db = db;
        // listen first, then read where the log ends: a change committed in between is read, not missed
        this.wakeup = db.dialect().wakeup(db.settings());
        this.floor = db.tx("reading the change log", c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT MAX(id) FROM iw_change_log")) {
                r.next();
                return r.getLong(1);
            }
        });
        this.thread = new Thread(this::run, "icewarp-jdbc-changes-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
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
                wakeup.await(interval);
                if (!running) {
                    return;
                }
                poll();
                prune();
                if (failing) {
                    LOG.info(
                            "change feed on {} reads the change log again",
                            db.settings().redactedUrl());
                    failing = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn(
                            "change feed on {} cannot read the change log, retrying: {}",
                            db.settings().redactedUrl(),
                            e.toString());
                    failing = true;
                }
            }
        }
    }

    private record Row(long id, String origin, String payload) {}

    void poll() {
        List<Row> rows = db.tx("reading the change log", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, origin, payload FROM iw_change_log WHERE id > ? ORDER BY id LIMIT " + BATCH)) {
                p.setLong(1, floor);
                try (ResultSet r = p.executeQuery()) {
                    List<Row> out = new java.util.ArrayList<>();
                    while (r.next()) {
                        out.add(new Row(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                    return out;
                }
            }
        });
        long now = System.nanoTime();
        for (Row row : rows) {
            if (!delivered.add(row.id())) {
                continue;
            }
            missingSince.remove(row.id());
            if (!row.origin().equals(origin)) {
                try {
                    fire(EventCodec.decode(row.payload()));
                } catch (RuntimeException e) {
                    LOG.warn("change log row {} cannot be read, skipped: {}", row.id(), e.toString());
                }
            }
        }
        if (!delivered.isEmpty()) {
            for (long id = floor + 1; id < delivered.last(); id++) {
                if (!delivered.contains(id)) {
                    missingSince.putIfAbsent(id, now);
                }
            }
        }
        // raise the floor over delivered ids and over gaps that waited long enough
        while (true) {
            long next = floor + 1;
            if (delivered.remove(next)) {
                floor = next;
            } else if (missingSince.containsKey(next) && now - missingSince.get(next) > GAP_TIMEOUT.toNanos()) {
                missingSince.remove(next);
                floor = next;
            } else {
                break;
            }
        }
    }

    private void prune() {
        long now = System.nanoTime();
        if (now - lastPrune < PRUNE_EVERY.toNanos()) {
            return;
        }
        lastPrune = now;
        long before = Micros.of(db.settings().clock().instant().minus(RETENTION));
        db.tx("pruning the change log", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM iw_change_log WHERE created_at < ?")) {
                p.setLong(1, before);
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
