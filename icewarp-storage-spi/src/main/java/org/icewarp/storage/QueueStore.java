package org.icewarp.storage;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable outgoing queue. Several nodes may share one queue: a due message is leased to one owner at a time, for a
 * limited time; an owner that dies loses its leases when they expire, and another node takes the message over.
 *
 * <p>Every change is durable when the method returns. Methods that act on a leased message check the lease: acting
 * on a message leased to someone else, or whose lease expired, fails with {@link ConflictException}.
 *
 * <p>A lease is identified by its owner string alone: there is no lease token. Owners must therefore be unique per
 * worker (node id plus worker id, say); two workers sharing an owner would both pass each other's lease checks.
 *
 * <p>Time comes from the caller as {@code now}. A store shared by several nodes compares {@code now} and lease expiry
 * times written by different nodes, so clock skew between nodes shortens or lengthens leases; a durable multi-node
 * implementation should take {@code now} from one clock, the storage's own (a database's current time, say), and use
 * the argument only where it has none.
 */
public interface QueueStore extends AutoCloseable {

    /**
     * Queues a message; durable when it returns. The stream is read to its end and not closed.
     *
     * @param now the time of queueing; the message is due at once
     */
    QueueId enqueue(Envelope envelope, InputStream content, Instant now);

    /**
     * Leases up to {@code max} messages that are due at {@code now} and not leased (or whose lease expired) to
     * {@code owner} until {@code now + leaseFor}, earliest due first. Concurrent leasers never get the same message.
     *
     * @param owner the worker taking the leases; unique per worker, not empty
     * @param max the most messages to lease, at least 1
     * @param leaseFor how long the leases last; positive
     * @throws IllegalArgumentException naming the argument when {@code owner} is empty, {@code max} is below 1 or
     *     {@code leaseFor} is zero or negative; nothing is leased
     * @throws NullPointerException when {@code leaseFor} is null
     */
    List<QueuedMessage> lease(String owner, int max, Duration leaseFor, Instant now);

    /**
     * Records the outcome of an attempt for one recipient of a leased message.
     *
     * @throws ConflictException when {@code owner} does not hold a live lease at {@code now}
     * @throws NotFoundException when the message or recipient is unknown
     */
    void recordOutcome(QueueId id, String owner, String recipient, RecipientOutcome outcome, Instant now);

    /**
     * Gives a leased message back, due again at {@code nextAttempt}, with its attempt count increased.
     *
     * @throws ConflictException when {@code owner} does not hold a live lease
     */
    void reschedule(QueueId id, String owner, Instant nextAttempt, Instant now);

    /**
     * Removes a leased message for good (all recipients done).
     *
     * @throws ConflictException when {@code owner} does not hold a live lease
     */
    void complete(QueueId id, String owner, Instant now);

    /** A queued message. */
    Optional<QueuedMessage> find(QueueId id);

    /**
     * A queued message's content. The caller closes it.
     *
     * @throws NotFoundException when it is not queued
     */
    InputStream open(QueueId id);

    /** The queue in id order, for the admin view. */
    Page<QueuedMessage> list(PageRequest page);

    /** Releases resources. */
    @Override
    void close();
}
