package org.icewarp.core.event;

import java.util.function.Consumer;

/**
 * The server's one event bus. Events are delivered in publication order, one at a time, on a dedicated thread, so a
 * publisher (an event loop, the scheduler) never waits for a subscriber. A subscriber that throws is logged and does
 * not stop delivery to the others.
 */
public interface EventBus {

    /**
     * Subscribes to events of a type (and its subtypes).
     *
     * @return a handle whose {@code close()} ends the subscription
     */
    <E extends ServerEvent> Subscription subscribe(Class<E> type, Consumer<? super E> subscriber);

    /** Publishes an event to the current subscribers of its type; returns at once. */
    void publish(ServerEvent event);

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        /** Ends the subscription; no further events are delivered once this returns. Idempotent. */
        @Override
        void close();
    }
}
