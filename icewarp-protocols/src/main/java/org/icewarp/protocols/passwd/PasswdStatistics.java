package org.icewarp.protocols.passwd;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one change-password service: sessions, passwords changed, failed attempts. */
final class PasswdStatistics {
    final LongAdder sessions = new LongAdder();
    final LongAdder changed = new LongAdder();
    final LongAdder failed = new LongAdder();

    Map<String, Long> asCounters() {
        return Map.of("sessions", sessions.sum(), "passwords-changed", changed.sum(), "failures", failed.sum());
    }
}
