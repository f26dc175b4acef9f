package org.icewarp.core.config;

/**
 * A service's limits (the seed's "Service – Other"). Zero switches a limit off.
 *
 * @param maxIncoming the most simultaneous incoming connections; the next one is refused in the protocol's own way
 * @param maxOutgoing the most simultaneous outgoing connections (used by protocols that connect out)
 * @param bandwidthKbps the cap in kB/s (1 kB = 1024 bytes) on the service's traffic in each direction, shared by all its
 *     connections; trusted IPs are exempt
 * @param alertConnectionsMultiplier raise an alert when new connections in one minute exceed this many times the
 *     previous five minutes' average
 * @param alertDataMultiplier the same for bytes transferred
 */
public record Limits(
        int maxIncoming, int maxOutgoing, int bandwidthKbps, int alertConnectionsMultiplier, int alertDataMultiplier) {

    /** No limits. */
    public static final Limits NONE = new Limits(0, 0, 0, 0, 0);

    /** Validates the fields. */
    public Limits {
        requireNonNegative("max-incoming", maxIncoming);
        requireNonNegative("max-outgoing", maxOutgoing);
        requireNonNegative("bandwidth-kbps", bandwidthKbps);
        requireNonNegative("alert-connections-multiplier", alertConnectionsMultiplier);
        requireNonNegative("alert-data-multiplier", alertDataMultiplier);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 (off) or positive, was " + value);
        }
    }

    /** A copy with another incoming-connection limit. */
    public Limits withMaxIncoming(int value) {
        return new Limits(value, maxOutgoing, bandwidthKbps, alertConnectionsMultiplier, alertDataMultiplier);
    }

    /** A copy with another bandwidth cap. */
    public Limits withBandwidthKbps(int value) {
        return new Limits(maxIncoming, maxOutgoing, value, alertConnectionsMultiplier, alertDataMultiplier);
    }

    /** A copy with other alert multipliers. */
    public Limits withAlerts(int connections, int data) {
        return new Limits(maxIncoming, maxOutgoing, bandwidthKbps, connections, data);
    }
}
