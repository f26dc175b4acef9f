package org.icewarp.protocols.smtp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one SMTP service instance since it started: sessions, accepted messages and their bytes, and rejections
 * by reason. Thread-safe; read it while the service runs.
 */
public final class SmtpStatistics {

    /** Why a command, a message or a session was refused. */
    public enum Rejection {
        /** Relay attempt from a client that may not relay. */
        RELAY_DENIED,
        /** Unknown or disabled local mailbox. */
        UNKNOWN_RECIPIENT,
        /** Mailbox full or message over quota. */
        QUOTA,
        /** Message over the size limit. */
        SIZE,
        /** Bare CR or LF in the data. */
        BARE_LINE_ENDING,
        /** Syntax errors and unknown commands. */
        SYNTAX,
        /** Commands out of order, or authentication required first. */
        SEQUENCE,
        /** Wrong credentials. */
        AUTHENTICATION,
        /** A recipient hook refused. */
        HOOK,
        /** Sender not owned by the authenticated user. */
        SENDER,
        /** Storage failed (a temporary reply). */
        STORAGE,
        /** Too many recipients, errors, unknown commands, or a line too long. */
        LIMIT,
        /** Idle or session timeout. */
        TIMEOUT
    }

    private final LongAdder sessions = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final EnumMap<Rejection, LongAdder> rejections = new EnumMap<>(Rejection.class);

    SmtpStatistics() {
        for (Rejection r : Rejection.values()) {
            rejections.put(r, new LongAdder());
        }
    }

    void session() {
        sessions.increment();
    }

    void accepted(long size) {
        messages.increment();
        bytes.add(size);
    }

    void rejected(Rejection reason) {
        rejections.get(reason).increment();
    }

    /** Sessions opened. */
    public long sessions() {
        return sessions.sum();
    }

    /** Messages accepted with a 250 after DATA or BDAT LAST. */
    public long messagesReceived() {
        return messages.sum();
    }

    /** Content bytes of the accepted messages (without the trace header). */
    public long bytesReceived() {
        return bytes.sum();
    }

    /** Rejections so far, by reason. */
    public Map<Rejection, Long> rejections() {
        EnumMap<Rejection, Long> out = new EnumMap<>(Rejection.class);
        rejections.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The counters by name, as the kernel's service statistics show them: {@code sessions}, {@code messages-received},
     * {@code bytes-received} and {@code rejected.<reason>} (reason in lower case with {@code -}).
     */
    public Map<String, Long> asCounters() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("sessions", sessions());
        out.put("messages-received", messagesReceived());
        out.put("bytes-received", bytesReceived());
        rejections.forEach((k, v) -> out.put(
                "rejected." + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), v.sum()));
        return Collections.unmodifiableMap(out);
    }

    /** Rejections for one reason. */
    public long rejections(Rejection reason) {
        return rejections.get(reason).sum();
    }
}
