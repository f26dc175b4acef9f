package org.icewarp.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message in the outgoing queue, as the admin view and the queue runner see it.
 *
 * @param id its identifier
 * @param envelope its envelope
 * @param size its content size in bytes
 * @param enqueued when it was queued
 * @param nextAttempt when it is next due
 * @param attempts delivery attempts so far
 * @param recipients each recipient's status, in envelope order
 * @param leaseOwner who holds it now, or {@code ""}
 * @param leaseExpires when that lease ends ({@link Instant#EPOCH} when not leased)
 */
public record QueuedMessage(
        QueueId id,
        Envelope envelope,
        long size,
        Instant enqueued,
        Instant nextAttempt,
        int attempts,
        List<RecipientStatus> recipients,
        String leaseOwner,
        Instant leaseExpires) {
    /** Validates and copies. */
    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(enqueued, "enqueued");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(leaseExpires, "leaseExpires");
    }

    /** A copy with other recipient statuses. */
    public QueuedMessage withRecipients(List<RecipientStatus> recipients) {
        return new QueuedMessage(
                id, envelope, size, enqueued, nextAttempt, attempts, recipients, leaseOwner, leaseExpires);
    }

    /** A copy leased to {@code owner} until {@code expires}. */
    public QueuedMessage withLease(String owner, Instant expires) {
        return new QueuedMessage(id, envelope, size, enqueued, nextAttempt, attempts, recipients, owner, expires);
    }

    /** A copy given back unleased, due at {@code next}, with one more attempt counted. */
    public QueuedMessage rescheduled(Instant next) {
        return new QueuedMessage(id, envelope, size, enqueued, next, attempts + 1, recipients, "", Instant.EPOCH);
    }

    /** The recipients still pending. */
    public List<RecipientStatus> pending() {
        return recipients.stream()
                .filter(r -> r.state() == RecipientStatus.State.PENDING)
                .toList();
    }
}
