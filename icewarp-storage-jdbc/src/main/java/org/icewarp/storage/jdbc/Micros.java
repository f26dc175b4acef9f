package org.icewarp.storage.jdbc;

import java.time.Instant;

/**
 * Instants as microseconds since the epoch in a {@code BIGINT}: one portable, indexable type on every engine, with the
 * precision PostgreSQL's own timestamps have. Finer digits are dropped.
 */
final class Micros {
    private Micros() {}

    static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
