package org.icewarp.protocols.smtp;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.Page;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.RecipientOutcome;
import org.icewarp.storage.StorageUnavailableException;

/** A queue store whose {@link #enqueue} always fails, after reading part of the stream. */
final class FailingQueueStore implements QueueStore {
    private final QueueStore delegate;

    FailingQueueStore(QueueStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public QueueId enqueue(Envelope envelope, InputStream content, Instant now) {
        try {
            content.read(new byte[100]);
        } catch (java.io.IOException e) {
            throw new StorageUnavailableException("read failed", e);
        }
        throw new StorageUnavailableException("queue database down");
    }

    @Override
    public List<QueuedMessage> lease(String owner, int max, Duration leaseFor, Instant now) {
        return delegate.lease(owner, max, leaseFor, now);
    }

    @Override
    public void recordOutcome(QueueId id, String owner, String recipient, RecipientOutcome outcome, Instant now) {
        delegate.recordOutcome(id, owner, recipient, outcome, now);
    }

    @Override
    public void reschedule(QueueId id, String owner, Instant nextAttempt, Instant now) {
        delegate.reschedule(id, owner, nextAttempt, now);
    }

    @Override
    public void complete(QueueId id, String owner, Instant now) {
        delegate.complete(id, owner, now);
    }

    @Override
    public Optional<QueuedMessage> find(QueueId id) {
        return delegate.find(id);
    }

    @Override
    public InputStream open(QueueId id) {
        return delegate.open(id);
    }

    @Override
    public Page<QueuedMessage> list(PageRequest page) {
        return delegate.list(page);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
