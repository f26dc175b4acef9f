package org.icewarp.protocols.pop3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one POP3 service instance since it started, shown through {@code ServiceProtocol.counters()}. */
final class Pop3Statistics {
    final LongAdder sessions = new LongAdder();
    final LongAdder logins = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder inUse = new LongAdder();
    final LongAdder retrieved = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder deleted = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder timeouts = new LongAdder();

    /**
     * The counters by name: {@code sessions}, {@code logins}, {@code auth-failures}, {@code in-use}, {@code
     * messages-retrieved}, {@code bytes-sent} (message content of RETR and TOP), {@code messages-deleted} (removed at
     * QUIT), {@code errors} ({@code -ERR} replies) and {@code timeouts}.
     */
    Map<String, Long> asCounters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("sessions", sessions.sum());
        out.put("logins", logins.sum());
        out.put("auth-failures", authFailures.sum());
        out.put("in-use", inUse.sum());
        out.put("messages-retrieved", retrieved.sum());
        out.put("bytes-sent", bytesSent.sum());
        out.put("messages-deleted", deleted.sum());
        out.put("errors", errors.sum());
        out.put("timeouts", timeouts.sum());
        return java.util.Collections.unmodifiableMap(out);
    }
}
