package org.icewarp.core.internal;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.icewarp.core.event.EventBus;
import org.icewarp.core.event.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events in order on one thread ({@code icewarp-events-1}). */
public final class AsyncEventBus implements EventBus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncEventBus.class);

    private final CopyOnWriteArrayList<Sub<?>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(new NamedThreadFactory("icewarp-events"));

    @Override
    public <E extends ServerEvent> Subscription subscribe(Class<E> type, Consumer<? super E> subscriber) {
        Sub<E> sub = new Sub<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(subscriber, "subscriber"));
        subscribers.add(sub);
        return () -> {
            sub.active = false;
            subscribers.remove(sub);
        };
    }

    @Override
    public void publish(ServerEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            executor.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            LOG.debug("event bus closed; dropped {}", event);
        }
    }

    private void deliver(ServerEvent event) {
        for (Sub<?> sub : subscribers) {
            try {
                sub.offer(event);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber failed on {}", event, e);
            }
        }
    }

    /** Delivers what was published before, then stops the delivery thread. */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** Identity matters: the same consumer may subscribe twice and unsubscribe once. */
    private static final class Sub<E extends ServerEvent> {
        private final Class<E> type;
        private final Consumer<? super E> consumer;
        /** Cleared by close(): a delivery already iterating a snapshot of the subscribers skips it. */
        volatile boolean active = true;

        Sub(Class<E> type, Consumer<? super E> consumer) {
            this.type = type;
            this.consumer = consumer;
        }

        void offer(ServerEvent event) {
            if (active && type.isInstance(event)) {
                consumer.accept(type.cast(event));
            }
        }
    }
}
