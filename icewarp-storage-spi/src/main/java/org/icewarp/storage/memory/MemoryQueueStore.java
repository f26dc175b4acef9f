package org.icewarp.storage.memory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
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

/** The outgoing queue in memory; every method serialises on the store. */
final class MemoryQueueStore implements QueueStore {
    private final TreeMap<String, Entry> entries = new TreeMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    private record Entry(QueuedMessage message, byte[] content) {}

    private void open() {
        if (closed) {
            throw new StorageException("the queue store is closed");
        }
    }

    @Override
    public QueueId enqueue(Envelope envelope, InputStream content, Instant now) {
        open();
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the queued message failed: " + e.getMessage(), e);
        }
        QueueId id = new QueueId(String.format("%016x", sequence.incrementAndGet()));
        List<RecipientStatus> recipients = new ArrayList<>();
        for (QueueRecipient r : envelope.recipients()) {
            recipients.add(new RecipientStatus(r, RecipientStatus.State.PENDING, 0, ""));
        }
        QueuedMessage m = new QueuedMessage(id, envelope, bytes.length, now, now, 0, recipients, "", Instant.EPOCH);
        synchronized (this) {
            entries.put(id.value(), new Entry(m, bytes));
        }
        return id;
    }

    private static boolean leasedAt(QueuedMessage m, Instant now) {
        return !m.leaseOwner().isEmpty() && m.leaseExpires().isAfter(now);
    }

    @Override
    public synchronized List<QueuedMessage> lease(String owner, int max, Duration leaseFor, Instant now) {
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
        List<Entry> due = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.message.nextAttempt().isAfter(now) && !leasedAt(e.message, now)) {
                due.add(e);
            }
        }
        due.sort(Comparator.comparing((Entry e) -> e.message.nextAttempt())
                .thenComparing(e -> e.message.id().value()));
        List<QueuedMessage> out = new ArrayList<>();
        for (Entry e : due.subList(0, Math.min(max, due.size()))) {
            QueuedMessage leased = e.message.withLease(owner, now.plus(leaseFor));
            entries.put(leased.id().value(), new Entry(leased, e.content));
            out.add(leased);
        }
        return out;
    }

    private Entry held(QueueId id, String owner, Instant now) {
        Entry e = entries.get(id.value());
        if (e == null) {
            throw new NotFoundException("queued message " + id + " does not exist");
        }
        if (!owner.equals(e.message.leaseOwner()) || !leasedAt(e.message, now)) {
            throw new ConflictException("queued message " + id + " is not leased to " + owner);
        }
        return e;
    }

    @Override
    public synchronized void recordOutcome(
            QueueId id, String owner, String recipient, RecipientOutcome outcome, Instant now) {
        open();
        Entry e = held(id, owner, now);
        QueuedMessage m = e.message;
        List<RecipientStatus> next = new ArrayList<>();
        boolean found = false;
        for (RecipientStatus r : m.recipients()) {
            if (r.recipient().address().equals(recipient)) {
                found = true;
                RecipientStatus.State s = outcome.state();
                next.add(new RecipientStatus(r.recipient(), s, r.attempts() + 1, outcome.detail()));
            } else {
                next.add(r);
            }
        }
        if (!found) {
            throw new NotFoundException("queued message " + id + " has no recipient " + recipient);
        }
        entries.put(id.value(), new Entry(m.withRecipients(next), e.content));
    }

    @Override
    public synchronized void reschedule(QueueId id, String owner, Instant nextAttempt, Instant now) {
        open();
        Entry e = held(id, owner, now);
        entries.put(id.value(), new Entry(e.message.rescheduled(nextAttempt), e.content));
    }

    @Override
    public synchronized void complete(QueueId id, String owner, Instant now) {
        open();
        held(id, owner, now);
        entries.remove(id.value());
    }

    @Override
    public synchronized Optional<QueuedMessage> find(QueueId id) {
        open();
        Entry e = entries.get(id.value());
        return e == null ? Optional.empty() : Optional.of(e.message);
    }

    @Override
    public synchronized InputStream open(QueueId id) {
        open();
        Entry e = entries.get(id.value());
        if (e == null) {
            throw new NotFoundException("queued message " + id + " does not exist");
        }
        return new ByteArrayInputStream(e.content);
    }

    @Override
    public synchronized Page<QueuedMessage> list(PageRequest page) {
        open();
        Map<String, Entry> tail = page.after().isEmpty() ? entries : entries.tailMap(page.after(), false);
        List<QueuedMessage> items = new ArrayList<>();
        String last = "";
        for (Map.Entry<String, Entry> e : tail.entrySet()) {
            if (items.size() == page.limit()) {
                return new Page<>(items, last);
            }
            items.add(e.getValue().message);
            last = e.getKey();
        }
        return new Page<>(items, "");
    }

    @Override
    public void close() {
        closed = true;
    }
}
