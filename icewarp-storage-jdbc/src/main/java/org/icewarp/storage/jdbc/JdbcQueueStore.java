package org.icewarp.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.Page;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.RecipientOutcome;
import org.icewarp.storage.RecipientStatus;
import org.icewarp.storage.StorageException;
import org.icewarp.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing queue in a database, shared safely by several servers. {@link #lease} selects due rows with {@code FOR
 * UPDATE SKIP LOCKED} (PostgreSQL, MariaDB 10.6+, H2 2.x), so concurrent leasers pass over each other's rows instead
 * of waiting, and then sets the lease with a conditional update (a compare-and-set on "not leased or expired") whose
 * row count decides: a row counts as leased only when that update changed it.
 *
 * <p>Times: with {@code queue.clock} {@code database} (the default on a database server), every transaction that
 * stamps or compares a time first reads the database's clock and this store's clock; when they differ by more than
 * {@code queue.clock-tolerance}, the caller's times are moved by that difference before they are stored or compared,
 * and times read back are moved back. So leases and due times are decided on the database's clock, and a server whose
 * clock runs ahead can neither steal a live lease nor lease early, while a caller that drives time through {@code now}
 * (the contract tests, a delivery loop passing its clock) still sees its own time line. With {@code caller} (the
 * default for embedded H2: one JVM, one clock) the arguments are used as they are.
 */
final class JdbcQueueStore implements QueueStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcQueueStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, sender, envelope_id, return_full, received, msg_size, enqueued,"
            + " next_attempt, attempts, lease_owner, lease_expires, content_id";

    private final Database db;
    private final Contents contents;
    private final long toleranceMicros;
    private volatile boolean closed;
    /** Microseconds added to the caller's times to get the database's; 0 within the tolerance. */
    private volatile long correction;

    JdbcQueueStore(Database db) {
        this.db = db;
        this.contents = new Contents(db);
        this.toleranceMicros = db.settings().queueClockTolerance().toNanos() / 1_000;
    }

    /**
     * How far the caller's times must move to be the database's, measured now in the transaction of {@code c}: the
     * database's clock minus this store's, or 0 when that is within {@code queue.clock-tolerance} (or {@code
     * queue.clock} is {@code caller}).
     */
    private long correction(Connection c) throws SQLException {
        if (!db.settings().queueClock()) {
            return 0;
        }
        long local = Micros.of(db.settings().clock().instant());
        long skew = db.dialect().currentMicros(c) - local;
        long next = Math.abs(skew) <= toleranceMicros ? 0 : skew;
        long before = correction;
        if ((next == 0) != (before == 0)) {
            if (next != 0) {
                LOG.warn(
                        "queue on {}: this server's clock is {} ms off the database's; queue times follow the"
                                + " database's clock",
                        db.settings().redactedUrl(),
                        -skew / 1000);
            } else {
                LOG.info(
                        "queue on {}: this server's clock agrees with the database's again",
                        db.settings().redactedUrl());
            }
        }
        correction = next;
        return next;
    }

    /** A caller's time as the database's, in µs. */
    private static long stored(Instant t, long correction) {
        return Micros.of(t) + correction;
    }

    /** A time read from the database as the caller's. */
    private Instant reported(long micros) {
        return Micros.instant(micros - correction);
    }

    private void open() {
        if (closed) {
            throw new StorageException("the queue store is closed");
        }
    }

    /** Ids sort by time of queueing (the admin view lists in id order), then a random part unique across servers. */
    private QueueId newId(Instant now) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String server = db.settings().serverId();
        return new QueueId(String.format("%014x", Math.max(0, Micros.of(now))) + "-"
                + (server.isEmpty() ? "" : server + "-") + HexFormat.of().formatHex(random));
    }

    @Override
    public QueueId enqueue(Envelope envelope, InputStream content, Instant now) {
        open();
        Objects.requireNonNull(envelope, "envelope");
        QueueId id = newId(now);
        // read the message before a connection is taken: a slow sender must not hold one (nor a transaction)
        Spool spool;
        try {
            byte[] first = new byte[contents.chunkSize()];
            spool = Spool.of(
                    first, Contents.fill(content, first), content, db.settings().spoolDirectory());
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the queued message failed: " + e.getMessage(), e);
        }
        try (spool) {
            return db.tx("queueing a message", c -> insert(c, id, envelope, spool, now));
        }
    }

    private QueueId insert(Connection c, QueueId id, Envelope envelope, Spool spool, Instant now) throws SQLException {
        long due = stored(now, correction(c));
        Contents.Stored stored;
        try (InputStream in = spool.open()) {
            stored = contents.write(c, in);
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the spooled message failed: " + e.getMessage(), e);
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO iw_queue (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '', 0, ?)")) {
            p.setString(1, id.value());
            p.setString(2, envelope.sender());
            p.setString(3, envelope.envelopeId());
            p.setBoolean(4, envelope.returnFull());
            p.setLong(5, Micros.of(envelope.received()));
            p.setLong(6, stored.size());
            p.setLong(7, due);
            p.setLong(8, due);
            p.setLong(9, stored.id());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO iw_queue_recipients (queue_id, pos, address,"
                + " notify_on, orcpt, rcpt_state, attempts, last_detail) VALUES (?, ?, ?, ?, ?, 'P', 0, '')")) {
            int pos = 0;
            for (QueueRecipient r : envelope.recipients()) {
                p.setString(1, id.value());
                p.setInt(2, pos++);
                p.setString(3, r.address());
                p.setInt(4, Bits.mask(r.notifyOn()));
                p.setString(5, r.originalRecipient());
                p.addBatch();
            }
            p.executeBatch();
        }
        return id;
    }

    @Override
    public List<QueuedMessage> lease(String owner, int max, Duration leaseFor, Instant now) {
        open();
        if (owner == null || owner.isEmpty()) {
            throw new IllegalArgumentException("owner must not be empty");
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        Objects.requireNonNull(leaseFor, "leaseFor");
        if (leaseFor.isNegative() || leaseFor.isZero()) {
            throw new IllegalArgumentException("leaseFor must be positive, was " + leaseFor);
        }
        return db.tx("leasing queued messages", c -> {
            long corr = correction(c);
            long t = stored(now, corr);
            long until = stored(now.plus(leaseFor), corr);
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(db.dialect().leaseCandidatesSql())) {
                p.setLong(1, t);
                p.setLong(2, t);
                p.setInt(3, max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        candidates.add(r.getString(1));
                    }
                }
            }
            List<QueuedMessage> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("UPDATE iw_queue SET lease_owner = ?, lease_expires = ?"
                    + " WHERE id = ? AND next_attempt <= ? AND (lease_owner = '' OR lease_expires <= ?)")) {
                for (String id : candidates) {
                    p.setString(1, owner);
                    p.setLong(2, until);
                    p.setString(3, id);
                    p.setLong(4, t);
                    p.setLong(5, t);
                    if (p.executeUpdate() == 1) {
                        find(c, id).ifPresent(out::add);
                    }
                }
            }
            return out;
        });
    }

    /** The message with a live lease held by {@code owner}, locked. */
    private QueuedMessage held(Connection c, QueueId id, String owner, Instant now) throws SQLException {
        correction(c);
        QueuedMessage m = find(c, id.value(), true)
                .orElseThrow(() -> new NotFoundException("queued message " + id + " does not exist"));
        if (!owner.equals(m.leaseOwner()) || !m.leaseExpires().isAfter(now)) {
            throw new ConflictException("queued message " + id + " is not leased to " + owner);
        }
        return m;
    }

    @Override
    public void recordOutcome(QueueId id, String owner, String recipient, RecipientOutcome outcome, Instant now) {
        open();
        db.tx("recording an outcome for " + id, c -> {
            QueuedMessage m = held(c, id, owner, now);
            for (int pos = 0; pos < m.recipients().size(); pos++) {
                RecipientStatus r = m.recipients().get(pos);
                if (r.recipient().address().equals(recipient)) {
                    AccountRows.update(
                            c,
                            "UPDATE iw_queue_recipients SET rcpt_state = ?, attempts = attempts + 1, last_detail = ?"
                                    + " WHERE queue_id = ? AND pos = ?",
                            state(outcome.state()),
                            outcome.detail(),
                            id.value(),
                            pos);
                    return null;
                }
            }
            throw new NotFoundException("queued message " + id + " has no recipient " + recipient);
        });
    }

    @Override
    public void reschedule(QueueId id, String owner, Instant nextAttempt, Instant now) {
        open();
        db.tx("rescheduling " + id, c -> {
            held(c, id, owner, now);
            AccountRows.update(
                    c,
                    "UPDATE iw_queue SET next_attempt = ?, attempts = attempts + 1, lease_owner = '',"
                            + " lease_expires = 0 WHERE id = ?",
                    stored(nextAttempt, correction),
                    id.value());
            return null;
        });
    }

    @Override
    public void complete(QueueId id, String owner, Instant now) {
        open();
        db.tx("completing " + id, c -> {
            long content = contentId(c, id);
            held(c, id, owner, now);
            AccountRows.update(c, "DELETE FROM iw_queue_recipients WHERE queue_id = ?", id.value());
            AccountRows.update(c, "DELETE FROM iw_queue WHERE id = ?", id.value());
            Contents.delete(c, content);
            return null;
        });
    }

    private static long contentId(Connection c, QueueId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT content_id FROM iw_queue WHERE id = ?")) {
            p.setString(1, id.value());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new NotFoundException("queued message " + id + " does not exist");
                }
                return r.getLong(1);
            }
        }
    }

    @Override
    public Optional<QueuedMessage> find(QueueId id) {
        open();
        return db.tx("reading " + id, c -> find(c, id.value()));
    }

    @Override
    public InputStream open(QueueId id) {
        open();
        return db.tx("opening " + id, c -> {
            long contentId = contentId(c, id);
            Contents.Located located;
            try (PreparedStatement p =
                    c.prepareStatement("SELECT content_size, chunk_size FROM iw_contents WHERE id = ?")) {
                p.setLong(1, contentId);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    located = new Contents.Located(contentId, r.getLong(1), r.getInt(2));
                }
            }
            byte[] first = located.size() > 0 ? Contents.chunk(c, contentId, 0) : null;
            return contents.open(located, 0, Long.MAX_VALUE, first);
        });
    }

    @Override
    public Page<QueuedMessage> list(PageRequest page) {
        open();
        return db.tx("listing the queue", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM iw_queue WHERE id > ? ORDER BY id LIMIT ?")) {
                p.setString(1, page.after());
                p.setInt(2, page.limit() + 1);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            boolean more = ids.size() > page.limit();
            List<QueuedMessage> items = new ArrayList<>();
            for (String id : ids.subList(0, Math.min(ids.size(), page.limit()))) {
                find(c, id).ifPresent(items::add);
            }
            return new Page<>(items, more ? ids.get(page.limit() - 1) : "");
        });
    }

    private Optional<QueuedMessage> find(Connection c, String id) throws SQLException {
        return find(c, id, false);
    }

    private Optional<QueuedMessage> find(Connection c, String id, boolean lock) throws SQLException {
        String sender;
        String envelopeId;
        boolean returnFull;
        long received;
        long size;
        long enqueued;
        long next;
        int attempts;
        String leaseOwner;
        long leaseExpires;
        try (PreparedStatement p =
                c.prepareStatement("SELECT " + COLUMNS + " FROM iw_queue WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                sender = r.getString(2);
                envelopeId = r.getString(3);
                returnFull = r.getBoolean(4);
                received = r.getLong(5);
                size = r.getLong(6);
                enqueued = r.getLong(7);
                next = r.getLong(8);
                attempts = r.getInt(9);
                leaseOwner = r.getString(10);
                leaseExpires = r.getLong(11);
            }
        }
        List<QueueRecipient> recipients = new ArrayList<>();
        List<RecipientStatus> statuses = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT address, notify_on, orcpt, rcpt_state, attempts,"
                + " last_detail FROM iw_queue_recipients WHERE queue_id = ? ORDER BY pos")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    QueueRecipient q = new QueueRecipient(r.getString(1), Bits.notify(r.getInt(2)), r.getString(3));
                    recipients.add(q);
                    statuses.add(new RecipientStatus(q, state(r.getString(4)), r.getInt(5), r.getString(6)));
                }
            }
        }
        Envelope envelope = new Envelope(sender, recipients, Micros.instant(received), envelopeId, returnFull);
        return Optional.of(new QueuedMessage(
                new QueueId(id),
                envelope,
                size,
                reported(enqueued),
                reported(next),
                attempts,
                statuses,
                leaseOwner,
                leaseOwner.isEmpty() ? Instant.EPOCH : reported(leaseExpires)));
    }

    private static String state(RecipientStatus.State s) {
        return switch (s) {
            case PENDING -> "P";
            case DELIVERED -> "D";
            case FAILED -> "F";
        };
    }

    private static RecipientStatus.State state(String s) {
        return switch (s) {
            case "D" -> RecipientStatus.State.DELIVERED;
            case "F" -> RecipientStatus.State.FAILED;
            default -> RecipientStatus.State.PENDING;
        };
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            db.close();
        }
    }
}
