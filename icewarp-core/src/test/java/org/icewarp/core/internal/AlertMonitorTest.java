package org.icewarp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.icewarp.core.event.ServiceAlert;
import org.junit.jupiter.api.Test;

class AlertMonitorTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    /** Feeds per-minute deltas starting {@code offset} minutes after start and returns the alerts of the last one. */
    private static List<ServiceAlert> feed(
            AlertMonitor m, int offsetMinutes, long[] connections, long[] bytes, int cm, int dm) {
        long c = 0;
        long b = 0;
        List<ServiceAlert> last = List.of();
        for (int i = 0; i < connections.length; i++) {
            c += connections[i];
            b += bytes[i];
            last = m.sample(START.plus(Duration.ofMinutes(offsetMinutes + i + 1)), c, b, cm, dm);
        }
        return last;
    }

    @Test
    void connectionsGrownBeyondTheMultiplierRaiseAnAlert() {
        AlertMonitor m = new AlertMonitor("smtp", START.minus(Duration.ofHours(1)), 0, 0);
        List<ServiceAlert> alerts =
                feed(m, 0, new long[] {10, 10, 10, 10, 10, 31}, new long[] {5000, 5000, 5000, 5000, 5000, 5000}, 3, 3);
        assertThat(alerts).hasSize(1);
        ServiceAlert a = alerts.get(0);
        assertThat(a.kind()).isEqualTo(ServiceAlert.Kind.CONNECTIONS);
        assertThat(a.service()).isEqualTo("smtp");
        assertThat(a.lastMinute()).isEqualTo(31);
        assertThat(a.fiveMinuteAverage()).isEqualTo(10.0);
        assertThat(a.multiplier()).isEqualTo(3);
    }

    @Test
    void growthAtTheMultiplierIsNotAnAlert() {
        AlertMonitor m = new AlertMonitor("smtp", START.minus(Duration.ofHours(1)), 0, 0);
        assertThat(feed(m, 0, new long[] {10, 10, 10, 10, 10, 30}, new long[] {0, 0, 0, 0, 0, 0}, 3, 0))
                .isEmpty();
    }

    @Test
    void dataTransferHasItsOwnMultiplier() {
        AlertMonitor m = new AlertMonitor("imap", START.minus(Duration.ofHours(1)), 0, 0);
        List<ServiceAlert> alerts = feed(
                m, 0, new long[] {1, 1, 1, 1, 1, 1}, new long[] {10_000, 10_000, 10_000, 10_000, 10_000, 50_000}, 0, 4);
        assertThat(alerts).extracting(ServiceAlert::kind).containsExactly(ServiceAlert.Kind.DATA_TRANSFER);
    }

    @Test
    void nothingIsEvaluatedInTheFirstThirtyMinutes() {
        AlertMonitor m = new AlertMonitor("smtp", START, 0, 0);
        long[] burst = {1, 1, 1, 1, 1, 1000};
        assertThat(feed(m, 0, burst, new long[6], 2, 0))
                .as("minute 6 after start")
                .isEmpty();
        AlertMonitor later = new AlertMonitor("smtp", START, 0, 0);
        assertThat(feed(later, 24, burst, new long[6], 2, 0))
                .as("minute 30 after start")
                .hasSize(1);
    }

    @Test
    void nothingIsEvaluatedBeforeFiveMinutesOfHistory() {
        AlertMonitor m = new AlertMonitor("smtp", START.minus(Duration.ofHours(1)), 0, 0);
        assertThat(feed(m, 0, new long[] {1, 1, 1, 1, 1000}, new long[5], 2, 0)).isEmpty();
    }

    @Test
    void anIdleServiceNeedsMoreThanOneConnectionTimesTheMultiplier() {
        AlertMonitor m = new AlertMonitor("smtp", START.minus(Duration.ofHours(1)), 0, 0);
        assertThat(feed(m, 0, new long[] {0, 0, 0, 0, 0, 2}, new long[6], 2, 0)).isEmpty();
        AlertMonitor n = new AlertMonitor("smtp", START.minus(Duration.ofHours(1)), 0, 0);
        assertThat(feed(n, 0, new long[] {0, 0, 0, 0, 0, 3}, new long[6], 2, 0)).hasSize(1);
    }

    @Test
    void countsFromBeforeTheMonitorStartedAreNotAMinutesTraffic() {
        AlertMonitor m = new AlertMonitor("smtp", START.minus(Duration.ofHours(1)), 1_000_000, 0);
        List<ServiceAlert> first = m.sample(START, 1_000_010, 0, 2, 0);
        assertThat(first).isEmpty();
        assertThat(feed(m, 1, new long[] {0, 0, 0, 0, 0}, new long[5], 2, 0)).isEmpty();
    }
}
