package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.icewarp.core.config.Limits;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.Service;
import org.icewarp.core.testing.Client;
import org.icewarp.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bandwidth cap over a real socket. This measures elapsed time because the cap is a rate: the issue asks for the
 * cap to hold within ±20% on a 2 MB transfer. Unthrottled, the same transfer over loopback takes milliseconds.
 */
class BandwidthTest {
    private static final int BYTES = 2 * 1024 * 1024;
    private static final int KBPS = 1024;
    private IceWarpServer server;

    private Service start(String trusted) {
        server = IceWarpServer.builder()
                .serviceFactory(TestServices.blast("blast", BYTES))
                .config(ServerConfig.builder()
                        .trustedIps(trusted)
                        .service(ServiceConfig.builder("blast")
                                .ports(0)
                                .limits(Limits.NONE.withBandwidthKbps(KBPS))
                                .build())
                        .build())
                .build();
        server.start();
        return server.services().require("blast");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theCapHoldsWithinTwentyPercentOnATwoMegabyteTransfer() throws Exception {
        Service blast = start("");
        long t0 = System.nanoTime();
        long received;
        try (Client c = Client.connect(blast)) {
            received = c.drain();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double expected = (double) BYTES / (KBPS * 1024);
        assertThat(received).isEqualTo(BYTES);
        assertThat(seconds).as("transfer time for 2 MB at %d kB/s", KBPS).isBetween(expected * 0.8, expected * 1.2);
        assertThat(blast.stats().bytesOut()).isEqualTo(BYTES);
    }

    @Test
    void trustedAddressesAreNotCapped() throws Exception {
        Service blast = start("127.0.0.0/8");
        long t0 = System.nanoTime();
        try (Client c = Client.connect(blast)) {
            assertThat(c.drain()).isEqualTo(BYTES);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double capped = (double) BYTES / (KBPS * 1024);
        assertThat(seconds).as("a trusted client is not held to the cap").isLessThan(capped * 0.5);
    }
}
