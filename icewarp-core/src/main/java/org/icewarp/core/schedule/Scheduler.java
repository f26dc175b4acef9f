package org.icewarp.core.schedule;

import java.time.Duration;

/**
 * The kernel's one scheduler: every periodic job of the server runs through it (configuration reload, traffic alerts,
 * and in later modules directory sync, backup, watchdogs, queue retries).
 *
 * <p>Jobs run on one named scheduler thread and must be short: a job that blocks (disk, network) hands its work to the
 * kernel's blocking executor. A job that throws is logged and stays scheduled.
 */
public interface Scheduler {

    /**
     * Runs {@code job} every {@code period}, the first time after {@code initialDelay}.
     *
     * @param name names the job in log lines
     * @throws IllegalArgumentException if the period is not positive or the delay is negative
     */
    ScheduledJob scheduleAtFixedRate(String name, Duration initialDelay, Duration period, Runnable job);

    /**
     * Runs {@code job} once after {@code delay}.
     *
     * @param name names the job in log lines
     */
    ScheduledJob schedule(String name, Duration delay, Runnable job);

    /** A scheduled job. */
    interface ScheduledJob {
        /** The name the job was scheduled with. */
        String name();

        /** Stops future runs; a run in progress finishes. Idempotent. */
        void cancel();
    }
}
