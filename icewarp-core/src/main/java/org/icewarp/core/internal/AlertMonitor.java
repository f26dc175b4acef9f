package org.icewarp.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.icewarp.core.event.ServiceAlert;

/**
 * The seed's "Alert if service connections / data transfer increased by (Multiplier)": sampled once a minute, it
 * compares the last minute with the average minute of the five before. Nothing is evaluated during the first 30
 * minutes after the service started, nor before five minutes of history exist.
 *
 * <p>An idle service would make every first connection an infinite increase, so the average is floored at one
 * connection, and at one kilobyte of traffic, per minute.
 */
final class AlertMonitor {
    static final Duration QUIET_PERIOD = Duration.ofMinutes(30);
    static final int WINDOW = 5;
    private static final double MIN_CONNECTIONS = 1;
    private static final double MIN_BYTES = 1024;

    private final String service;
    private final Instant started;
    private final long[] connections = new long[WINDOW];
    private final long[] bytes = new long[WINDOW];
    private int samples;
    private long lastConnections;
    private long lastBytes;

    AlertMonitor(String service, Instant started, long connectionsTotal, long bytesTotal) {
        this.service = service;
        this.started = started;
        this.lastConnections = connectionsTotal;
        this.lastBytes = bytesTotal;
    }

    /**
     * Records the minute that ended at {@code now} and returns the alerts it raises.
     *
     * @param connectionsTotal connections admitted since the server started
     * @param bytesTotal bytes in and out since the server started
     * @param connectionsMultiplier the configured multiplier, 0 for off
     * @param dataMultiplier the configured multiplier, 0 for off
     */
    List<ServiceAlert> sample(
            Instant now, long connectionsTotal, long bytesTotal, int connectionsMultiplier, int dataMultiplier) {
        long c = connectionsTotal - lastConnections;
        long b = bytesTotal - lastBytes;
        lastConnections = connectionsTotal;
        lastBytes = bytesTotal;
        List<ServiceAlert> alerts = new ArrayList<>(2);
        boolean evaluate = samples >= WINDOW && !now.isBefore(started.plus(QUIET_PERIOD));
        if (evaluate) {
            check(
                    alerts,
                    now,
                    ServiceAlert.Kind.CONNECTIONS,
                    c,
                    average(connections),
                    MIN_CONNECTIONS,
                    connectionsMultiplier);
            check(alerts, now, ServiceAlert.Kind.DATA_TRANSFER, b, average(bytes), MIN_BYTES, dataMultiplier);
        }
        connections[samples % WINDOW] = c;
        bytes[samples % WINDOW] = b;
        samples++;
        return alerts;
    }

    private void check(
            List<ServiceAlert> alerts,
            Instant now,
            ServiceAlert.Kind kind,
            long lastMinute,
            double average,
            double floor,
            int multiplier) {
        if (multiplier > 0 && lastMinute > multiplier * Math.max(average, floor)) {
            alerts.add(new ServiceAlert(now, service, kind, lastMinute, average, multiplier));
        }
    }

    private static double average(long[] window) {
        long sum = 0;
        for (long v : window) {
            sum += v;
        }
        return (double) sum / window.length;
    }
}
