package org.icewarp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.icewarp.core.schedule.Scheduler;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {
    @Test
    void aFailingPeriodicJobStaysScheduled() throws Exception {
        try (ExecutorScheduler s = new ExecutorScheduler()) {
            CountDownLatch runs = new CountDownLatch(3);
            s.scheduleAtFixedRate("flaky", Duration.ZERO, Duration.ofMillis(10), () -> {
                runs.countDown();
                throw new IllegalStateException("job bug");
            });
            assertThat(runs.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCancelledJobDoesNotRunAgain() throws Exception {
        try (ExecutorScheduler s = new ExecutorScheduler()) {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch first = new CountDownLatch(1);
            Scheduler.ScheduledJob job = s.scheduleAtFixedRate("counter", Duration.ZERO, Duration.ofMillis(5), () -> {
                runs.incrementAndGet();
                first.countDown();
            });
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            job.cancel();
            // a one-shot job queued behind any in-flight run proves the periodic one has stopped
            CountDownLatch later = new CountDownLatch(1);
            s.schedule("marker", Duration.ofMillis(50), later::countDown);
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
            int seen = runs.get();
            CountDownLatch again = new CountDownLatch(1);
            s.schedule("marker2", Duration.ofMillis(50), again::countDown);
            assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(runs.get()).isEqualTo(seen);
            assertThat(job.name()).isEqualTo("counter");
        }
    }

    @Test
    void rejectsANonPositivePeriodNamingTheJob() {
        try (ExecutorScheduler s = new ExecutorScheduler()) {
            assertThatThrownBy(() -> s.scheduleAtFixedRate("bad", Duration.ZERO, Duration.ZERO, () -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad");
        }
    }
}
