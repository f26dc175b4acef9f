package org.icewarp.core.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.icewarp.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scheduler on one named thread ({@code icewarp-scheduler-1}); a failing job is logged and keeps its schedule. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    /** Creates the scheduler and its thread. */
    public ExecutorScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("icewarp-scheduler"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    public ScheduledJob scheduleAtFixedRate(String name, Duration initialDelay, Duration period, Runnable job) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(job, "job");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period of job " + name + " must be positive, was " + period);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay of job " + name + " must not be negative");
        }
        ScheduledFuture<?> f = executor.scheduleAtFixedRate(
                guarded(name, job), initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        return new Job(name, f);
    }

    @Override
    public ScheduledJob schedule(String name, Duration delay, Runnable job) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(job, "job");
        ScheduledFuture<?> f =
                executor.schedule(guarded(name, job), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return new Job(name, f);
    }

    private static Runnable guarded(String name, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                LOG.error("scheduled job {} failed; it stays scheduled", name, e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private record Job(String name, ScheduledFuture<?> future) implements ScheduledJob {
        @Override
        public void cancel() {
            future.cancel(false);
        }
    }
}
