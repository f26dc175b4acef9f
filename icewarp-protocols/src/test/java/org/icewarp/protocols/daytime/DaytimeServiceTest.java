package org.icewarp.protocols.daytime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.icewarp.core.config.AccessSettings;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.Service;
import org.icewarp.core.service.ServiceState;
import org.icewarp.server.IceWarpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Daytime end to end: found through ServiceLoader, configured, bound, admitted, answered, counted. */
class DaytimeServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T13:05:09Z");
    private IceWarpServer server;

    private Service start(ServiceConfig daytime) {
        server = IceWarpServer.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .config(ServerConfig.builder().service(daytime).build())
                .build();
        server.start();
        return server.services().require("daytime");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] query(Service daytime) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(
                    new InetSocketAddress(
                            "127.0.0.1", daytime.listening().get(0).getPort()),
                    5000);
            s.setSoTimeout(10_000);
            return s.getInputStream().readAllBytes();
        }
    }

    @Test
    void answersWithTheDateAndTimeThenCloses() throws Exception {
        Service daytime = start(ServiceConfig.builder("daytime").ports(0).build());
        String answer = new String(query(daytime), StandardCharsets.US_ASCII);
        assertThat(answer).isEqualTo("Monday, November 23, 2026 13:05:09-UTC\r\n");
        assertThat(ZonedDateTime.parse(answer.strip(), DaytimeProtocol.FORMAT).toInstant())
                .isEqualTo(NOW);
        assertThat(daytime.stats().totalSessions()).isEqualTo(1);
        assertThat(daytime.stats().bytesOut()).isEqualTo(answer.length());
    }

    @Test
    void isOffByDefaultOnTheStandardPort() {
        server = IceWarpServer.builder().build();
        server.start();
        Service daytime = server.services().require("daytime");
        assertThat(daytime.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(daytime.config().enabled()).isFalse();
        assertThat(daytime.module()).isEqualTo("daytime");
        assertThat(new DaytimeServiceFactory().defaultPorts()).containsExactly(13);
    }

    @Test
    void aDenyRuleForLoopbackMakesItRefuseWithoutAWord() throws Exception {
        Service daytime = start(ServiceConfig.builder("daytime")
                .ports(0)
                .access(AccessSettings.deny("127.0.0.1"))
                .build());
        assertThat(query(daytime)).isEmpty();
        assertThat(daytime.stats().rejectedConnections()).isEqualTo(1);
        assertThat(daytime.stats().totalSessions()).isZero();
    }

    @Test
    void clientInputIsIgnored() throws Exception {
        Service daytime = start(ServiceConfig.builder("daytime").ports(0).build());
        try (Socket s = new Socket("127.0.0.1", daytime.listening().get(0).getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("garbage\r\n\0\0\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).endsWith("-UTC\r\n");
        } catch (java.net.SocketException reset) {
            // the server may close before reading our bytes, which resets the connection: acceptable for RFC 867
        }
    }
}
