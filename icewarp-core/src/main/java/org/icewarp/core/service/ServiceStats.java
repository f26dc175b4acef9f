package org.icewarp.core.service;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.icewarp.core.log.LogLevel;

/**
 * A snapshot of one service, as the seed's service list shows it. Totals count since the server started and survive
 * restarts of the service.
 *
 * @param name the instance name
 * @param type the service type
 * @param module the module it belongs to
 * @param state its state
 * @param runningTime how long it has been running; zero when not running
 * @param listening the addresses it listens on (actual ports, also when configured as 0)
 * @param currentConnections connections open now
 * @param totalSessions connections admitted so far
 * @param bytesIn bytes received so far
 * @param bytesOut bytes sent so far
 * @param rejectedConnections connections refused by the access rule or the connection limit so far
 * @param logLevel the activity log level
 * @param counters the protocol's own counters ({@link ServiceProtocol#counters()}), empty when stopped
 */
public record ServiceStats(
        String name,
        String type,
        String module,
        ServiceState state,
        Duration runningTime,
        List<InetSocketAddress> listening,
        int currentConnections,
        long totalSessions,
        long bytesIn,
        long bytesOut,
        long rejectedConnections,
        LogLevel logLevel,
        Map<String, Long> counters) {

    /** Validates and copies the fields. */
    public ServiceStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(runningTime, "runningTime");
        listening = List.copyOf(listening);
        Objects.requireNonNull(logLevel, "logLevel");
        counters = Map.copyOf(counters);
    }
}
