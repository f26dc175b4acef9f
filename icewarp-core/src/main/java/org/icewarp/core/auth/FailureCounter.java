package org.icewarp.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed logins per key (an account or an IP) within a window, and blocks. Memory is bounded: at most {@code tracked}
 * keys (least recently used dropped first), and a key is forgotten once neither its window nor its block can matter.
 * Time comes from the injected clock, also for expiry. Thread-safe: each key changes atomically.
 */
final class FailureCounter {
    /** A key's state: failures since {@code since}, and the end of a block ({@link Instant#MIN} when none). */
    private record State(int failures, Instant since, Instant blockedUntil) {}

    private final Cache<String, State> states;
    private final Clock clock;
    private final int max;
    private final Duration window;
    private final Duration block;

    FailureCounter(Clock clock, int max, Duration window, Duration block, int tracked) {
        this.clock = clock;
        this.max = max;
        this.window = window;
        this.block = block;
        Duration keep = window.compareTo(block) > 0 ? window : block;
        this.states = Caffeine.newBuilder()
                .maximumSize(tracked)
                .expireAfterWrite(keep)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    /** Whether counting is on at all. */
    boolean enabled() {
        return max > 0;
    }

    /** Whether the key is blocked now. */
    boolean isBlocked(String key) {
        if (max == 0) {
            return false;
        }
        State s = states.getIfPresent(key);
        return s != null && clock.instant().isBefore(s.blockedUntil());
    }

    /**
     * Counts a failure.
     *
     * @return the count after it (1 for the first in a window), or 0 when counting is off
     */
    int fail(String key) {
        if (max == 0) {
            return 0;
        }
        Instant now = clock.instant();
        State after = states.asMap().compute(key, (k, s) -> {
            if (s == null
                    || now.isAfter(s.since().plus(window)) && !now.isBefore(s.blockedUntil())
                    || s.failures() >= max && !now.isBefore(s.blockedUntil())) {
                return fresh(now);
            }
            int n = s.failures() + 1;
            return new State(n, s.since(), n >= max ? now.plus(block) : s.blockedUntil());
        });
        return after.failures();
    }

    private State fresh(Instant now) {
        return new State(1, now, max <= 1 ? now.plus(block) : Instant.MIN);
    }

    /** Whether the last {@link #fail} made the key blocked at exactly this count. */
    boolean blocksAt(int count) {
        return max > 0 && count == max;
    }

    /**
     * Forgets the key's failures.
     *
     * @return whether it had any
     */
    boolean clear(String key) {
        State s = states.asMap().remove(key);
        return s != null && s.failures() > 0;
    }

    /**
     * Forgets the key's failures and ends its block (an administrative unblock).
     *
     * @return whether it had failures or a block
     */
    boolean forget(String key) {
        State s = states.asMap().remove(key);
        return s != null;
    }

    /** The block length. */
    Duration block() {
        return block;
    }

    /** Keys held now (for tests of the bound). */
    long size() {
        states.cleanUp();
        return states.estimatedSize();
    }
}
