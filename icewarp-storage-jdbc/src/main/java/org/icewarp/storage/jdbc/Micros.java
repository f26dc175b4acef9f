package org.icewarp.storage.jdbc;

import java.time.Instant;

/**
 * Instants as microseconds since the epoch in a {@code BIGINT}: one portable, indexable type on every engine, with the
 * precision PostgreSQL's own timestamps have. Finer digits are dropped.
 */
final class Micros {
    private Micros() {}

    /**
     * {@code t} in microseconds since the epoch.
     *
     * @throws IllegalArgumentException when {@code t} is beyond about ±292,000 years, which a {@code BIGINT} of
     *     microseconds cannot hold
     */
    static long of(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time " + t + " is out of the storable range", e);
        }
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
