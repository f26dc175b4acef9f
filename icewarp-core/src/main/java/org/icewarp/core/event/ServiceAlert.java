package org.icewarp.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A service's traffic grew abnormally: in the last minute it exceeded {@code multiplier} times its average per minute
 * over the five minutes before (the seed's "Alert if service connections / data transfer increased by").
 *
 * @param at when the minute ended
 * @param service the service name
 * @param kind what grew
 * @param lastMinute connections opened, or bytes transferred, in the last minute
 * @param fiveMinuteAverage the average per minute over the five minutes before it
 * @param multiplier the configured multiplier that was exceeded
 */
public record ServiceAlert(
        Instant at, String service, Kind kind, long lastMinute, double fiveMinuteAverage, int multiplier)
        implements ServerEvent {

    /** What an alert is about. */
    public enum Kind {
        /** New connections per minute. */
        CONNECTIONS,
        /** Bytes received and sent per minute. */
        DATA_TRANSFER
    }

    /** Validates the fields. */
    public ServiceAlert {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
    }
}
