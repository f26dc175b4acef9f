package org.icewarp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.icewarp.core.event.EventBus;
import org.icewarp.core.event.ServerEvent;
import org.icewarp.core.event.ServerStarted;
import org.icewarp.core.event.ServerStopped;
import org.junit.jupiter.api.Test;

class AsyncEventBusTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void deliversInOrderToSubscribersOfTheType() throws Exception {
        try (AsyncEventBus bus = new AsyncEventBus()) {
            List<ServerEvent> all = new CopyOnWriteArrayList<>();
            List<ServerStarted> started = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            bus.subscribe(ServerEvent.class, all::add);
            bus.subscribe(ServerStarted.class, started::add);
            bus.subscribe(ServerStopped.class, e -> done.countDown());
            for (int i = 0; i < 100; i++) {
                bus.publish(new ServerStarted(T.plusSeconds(i)));
            }
            bus.publish(new ServerStopped(T));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(started).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(started.get(i).at()).isEqualTo(T.plusSeconds(i));
            }
            assertThat(all).hasSize(101);
        }
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() throws Exception {
        try (AsyncEventBus bus = new AsyncEventBus()) {
            CountDownLatch reached = new CountDownLatch(2);
            bus.subscribe(ServerStarted.class, e -> {
                throw new IllegalStateException("subscriber bug");
            });
            bus.subscribe(ServerStarted.class, e -> reached.countDown());
            bus.publish(new ServerStarted(T));
            bus.publish(new ServerStarted(T));
            assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws Exception {
        try (AsyncEventBus bus = new AsyncEventBus()) {
            List<ServerEvent> seen = new CopyOnWriteArrayList<>();
            CountDownLatch marker = new CountDownLatch(1);
            EventBus.Subscription s = bus.subscribe(ServerStarted.class, seen::add);
            bus.subscribe(ServerStopped.class, e -> marker.countDown());
            s.close();
            bus.publish(new ServerStarted(T));
            bus.publish(new ServerStopped(T));
            assertThat(marker.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).isEmpty();
        }
    }
}
