package org.icewarp.benchmarks.smtp;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared state of one run: which message is next, each message's client-side latency, and the counts. Sessions
 * claim messages one at a time, so a fast session sends more than a slow one and the run ends when the pool is empty.
 * Thread-safe.
 */
final class LoadRun {
    private final int messages;
    private final int firstId;
    private final AtomicInteger next = new AtomicInteger();
    private final long[] latencies;
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong connections = new AtomicLong();
    private volatile String firstFailure = "";

    /**
     * @param messages how many messages this run sends
     * @param firstId the id of its first message (ids go into the Message-ID, so runs do not repeat them)
     */
    LoadRun(int messages, int firstId) {
        this.messages = messages;
        this.firstId = firstId;
        this.latencies = new long[messages];
        Arrays.fill(latencies, -1);
    }

    /** The index of the next message to send, or -1 when all have been handed out. */
    int claim() {
        int m = next.getAndIncrement();
        return m < messages ? m : -1;
    }

    boolean hasMore() {
        return next.get() < messages;
    }

    int id(int message) {
        return firstId + message;
    }

    void connected() {
        connections.incrementAndGet();
    }

    void accepted(int message, long nanos) {
        latencies[message] = nanos;
        ok.incrementAndGet();
    }

    void failed(int message, String why) {
        if (failed.getAndIncrement() == 0) {
            firstFailure = why;
        }
    }

    int messages() {
        return messages;
    }

    int ok() {
        return ok.get();
    }

    int failedCount() {
        return failed.get();
    }

    String firstFailure() {
        return firstFailure;
    }

    long connections() {
        return connections.get();
    }

    /** Latency percentiles of the accepted messages, in nanoseconds. */
    Percentiles percentiles() {
        long[] sorted = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1], (long) mean);
    }

    private static long at(long[] sorted, double q) {
        // nearest rank
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Client-side latency summary in nanoseconds. */
    record Percentiles(long p50, long p99, long max, long mean) {}
}
