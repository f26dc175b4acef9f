package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.event.SettingsRejected;
import org.icewarp.core.service.Service;
import org.icewarp.core.service.ServiceException;
import org.icewarp.core.service.ServiceRegistry;
import org.icewarp.core.service.ServiceState;
import org.icewarp.core.service.ServiceStats;
import org.icewarp.core.testing.Client;
import org.icewarp.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {
    private IceWarpServer server;
    private ServiceRegistry registry;

    @BeforeEach
    void start() {
        server = IceWarpServer.builder()
                .serviceFactory(TestServices.echo("alpha", "pair"))
                .serviceFactory(TestServices.echo("beta", "pair"))
                .serviceFactory(TestServices.echo("gamma", "single"))
                .config(ServerConfig.builder()
                        .service(ServiceConfig.builder("alpha").ports(0).build())
                        .service(ServiceConfig.builder("beta").ports(0).build())
                        .service(ServiceConfig.builder("gamma").ports(0).build())
                        .build())
                .build();
        server.start();
        registry = server.services();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyEnabledServiceServesAfterStart() throws Exception {
        for (String name : List.of("alpha", "beta", "gamma")) {
            Service s = registry.require(name);
            assertThat(s.state()).isEqualTo(ServiceState.RUNNING);
            try (Client c = Client.connect(s)) {
                assertThat(c.echo("hello " + name + "\r\n")).isEqualTo("hello " + name + "\r\n");
            }
        }
        assertThat(registry.modules()).containsExactly("pair", "single");
    }

    @Test
    void stoppingOneServiceLeavesTheOthersServing() throws Exception {
        Service alpha = registry.require("alpha");
        int alphaPort = alpha.listening().get(0).getPort();
        try (Client gamma = Client.connect(registry.require("gamma"))) {
            alpha.stop();

            assertThat(alpha.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(alpha.listening()).isEmpty();
            // The freed port may be handed to another process on a busy machine at once, so the check is that a
            // connection to it is not answered by an echo service, not that it is refused.
            assertThat(echoes(alphaPort)).isFalse();
            assertThat(gamma.echo("still here\r\n")).isEqualTo("still here\r\n");
            try (Client beta = Client.connect(registry.require("beta"))) {
                assertThat(beta.echo("b\r\n")).isEqualTo("b\r\n");
            }

            alpha.start();
            try (Client a = Client.connect(alpha)) {
                assertThat(a.echo("back\r\n")).isEqualTo("back\r\n");
            }
            assertThat(gamma.echo("and still\r\n")).isEqualTo("and still\r\n");
        }
    }

    @Test
    void stoppingAServiceClosesItsConnections() throws Exception {
        Service alpha = registry.require("alpha");
        try (Client a = Client.connect(alpha)) {
            a.echo("x");
            alpha.stop();
            assertThat(a.readToEnd()).isEmpty();
        }
    }

    @Test
    void restartingAModuleRestartsItsServicesOnly() throws Exception {
        Service alpha = registry.require("alpha");
        Service beta = registry.require("beta");
        Service gamma = registry.require("gamma");
        InetSocketAddress gammaBefore = gamma.listening().get(0);
        try (Client g = Client.connect(gamma);
                Client a = Client.connect(alpha)) {
            a.echo("x");
            registry.restartModule("pair");

            assertThat(a.readToEnd())
                    .as("alpha's old connection was closed by the restart")
                    .isEmpty();
            assertThat(alpha.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(beta.state()).isEqualTo(ServiceState.RUNNING);
            try (Client a2 = Client.connect(alpha);
                    Client b2 = Client.connect(beta)) {
                assertThat(a2.echo("a\r\n")).isEqualTo("a\r\n");
                assertThat(b2.echo("b\r\n")).isEqualTo("b\r\n");
            }
            assertThat(gamma.listening()).containsExactly(gammaBefore);
            assertThat(g.echo("untouched\r\n")).isEqualTo("untouched\r\n");
        }
    }

    @Test
    void stopModuleAndRestartAll() throws Exception {
        registry.stopModule("pair");
        assertThat(registry.require("alpha").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.require("beta").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.require("gamma").state()).isEqualTo(ServiceState.RUNNING);

        registry.restartAll();
        assertThat(registry.require("alpha").state())
                .as("restart all restarts running modules only")
                .isEqualTo(ServiceState.STOPPED);
        assertThat(registry.require("gamma").state()).isEqualTo(ServiceState.RUNNING);

        registry.startModule("pair");
        assertThat(registry.require("alpha").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void statisticsFollowConnections() throws Exception {
        Service alpha = registry.require("alpha");
        assertThat(alpha.stats().currentConnections()).isZero();
        try (Client a = Client.connect(alpha);
                Client b = Client.connect(alpha)) {
            a.echo("12345\r\n");
            b.echo("abc\r\n");
            await().until(() -> alpha.stats().currentConnections() == 2);
            ServiceStats s = alpha.stats();
            assertThat(s.totalSessions()).isEqualTo(2);
            assertThat(s.bytesIn()).isEqualTo(12);
            assertThat(s.bytesOut()).isEqualTo(12);
            assertThat(s.module()).isEqualTo("pair");
            assertThat(s.state()).isEqualTo(ServiceState.RUNNING);
            assertThat(s.listening()).isEqualTo(alpha.listening());
        }
        await().until(() -> alpha.stats().currentConnections() == 0);
        assertThat(alpha.stats().totalSessions()).isEqualTo(2);
        assertThat(registry.require("beta").stats().totalSessions()).isZero();
    }

    @Test
    void aPortInUseFailsStartNamingTheBindingAndLeavesNothingBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                IceWarpServer other = IceWarpServer.builder()
                        .serviceFactory(TestServices.echo("alpha", "pair"))
                        .serviceFactory(TestServices.echo("gamma", "single"))
                        .config(ServerConfig.builder()
                                .service(ServiceConfig.builder("gamma").ports(0).build())
                                .service(ServiceConfig.builder("alpha")
                                        .binding(Binding.plain("127.0.0.1", 0))
                                        .binding(Binding.plain("127.0.0.1", taken.getLocalPort()))
                                        .build())
                                .build())
                        .build()) {
            assertThatThrownBy(other::start)
                    .isInstanceOf(ServiceException.class)
                    .hasMessageContaining("alpha")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(other.isRunning()).as("nothing stays running").isFalse();
        }
    }

    @Test
    void aReloadOntoAPortInUseKeepsTheServiceOnItsOldListeners() throws Exception {
        Service alpha = registry.require("alpha");
        List<InetSocketAddress> before = alpha.listening();
        List<SettingsRejected> rejected = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.events().subscribe(SettingsRejected.class, rejected::add);
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            server.apply(server.config().toBuilder()
                    .service(ServiceConfig.builder("alpha")
                            .binding(Binding.plain("127.0.0.1", port))
                            .build())
                    .build());
            assertThat(alpha.state()).isEqualTo(ServiceState.RUNNING);
            // its old configuration binds port 0, so it is back on a fresh ephemeral port, not the taken one
            assertThat(alpha.listening()).hasSize(1).noneMatch(a -> a.getPort() == port);
            assertThat(before).hasSize(1);
            assertThat(server.config().service("alpha").orElseThrow().bindings())
                    .as("the configuration in force is the one that runs")
                    .isEmpty();
            try (Client a = Client.connect(alpha)) {
                assertThat(a.echo("still\r\n")).isEqualTo("still\r\n");
            }
            await().until(() -> !rejected.isEmpty());
            assertThat(rejected.get(0).reason())
                    .contains("127.0.0.1:" + port)
                    .contains("keeps its previous configuration");
        }
    }

    @Test
    void aTlsBindingWhoseCertificateIsMissingIsNotOpenedAndNeverFallsBackToPlain() {
        try (IceWarpServer other = IceWarpServer.builder()
                .serviceFactory(TestServices.echo("alpha", "pair"))
                .config(ServerConfig.builder()
                        .service(ServiceConfig.builder("alpha")
                                .binding(new Binding("127.0.0.1", 0, true, "certs/x.pem", false, ""))
                                .build())
                        .build())
                .build()) {
            other.start();
            assertThat(other.services().require("alpha").listening())
                    .as("never a silent plain listener")
                    .isEmpty();
        }
    }

    @Test
    void twoServicesOnOneFixedPortAreAConfigurationError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (IceWarpServer other = IceWarpServer.builder()
                .serviceFactory(TestServices.echo("alpha", "pair"))
                .serviceFactory(TestServices.echo("beta", "pair"))
                .config(ServerConfig.builder()
                        .service(ServiceConfig.builder("alpha").ports(port).build())
                        .service(ServiceConfig.builder("beta")
                                .binding(Binding.plain("127.0.0.1", port))
                                .build())
                        .build())
                .build()) {
            assertThatThrownBy(other::start)
                    .isInstanceOf(org.icewarp.core.config.ConfigurationException.class)
                    .hasMessageContaining("system.services.beta")
                    .hasMessageContaining("alpha already listens");
        }
    }

    @Test
    void theDualStackPairOfAllServicesAddressesIsOneWildcard() throws Exception {
        server.apply(server.config().toBuilder()
                .allAddresses(List.of("0.0.0.0", "::"))
                .build());
        Service alpha = registry.require("alpha");
        assertThat(alpha.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(alpha.listening()).hasSize(1);
        try (Client a = Client.connect(alpha)) {
            assertThat(a.echo("both\r\n")).isEqualTo("both\r\n");
        }
    }

    @Test
    void aConfiguredInstanceOfATypeReplacesItsDefaultInstance() {
        try (IceWarpServer other = IceWarpServer.builder()
                .serviceFactory(TestServices.echo("echo", "echo"))
                .config(ServerConfig.builder()
                        .service(ServiceConfig.builder("mx")
                                .type("echo")
                                .ports(0)
                                .build())
                        .build())
                .build()) {
            other.start();
            assertThat(other.services().services()).extracting(Service::name).containsExactly("mx");
        }
    }

    @Test
    void lifeCycleCallsFromAnEventLoopAreRefused() throws Exception {
        java.util.concurrent.atomic.AtomicReference<IceWarpServer> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (IceWarpServer other = IceWarpServer.builder()
                .serviceFactory(TestServices.onConnect("hook", () -> {
                    try {
                        self.get().services().require("hook").stop();
                        return "stopped";
                    } catch (IllegalStateException e) {
                        try {
                            self.get().stop();
                            return "server stopped";
                        } catch (IllegalStateException again) {
                            return "refused twice";
                        }
                    }
                }))
                .config(ServerConfig.builder()
                        .service(ServiceConfig.builder("hook").ports(0).build())
                        .build())
                .build()) {
            self.set(other);
            other.start();
            try (Client c = Client.connect(other.services().require("hook"))) {
                assertThat(c.readToEnd()).isEqualTo("refused twice");
            }
            assertThat(other.services().require("hook").state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    @Test
    void subscribersFromBeforeStartSeeStartAndStopAcrossRestarts() {
        List<org.icewarp.core.event.ServerEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (IceWarpServer other = IceWarpServer.builder().build()) {
            other.events().subscribe(org.icewarp.core.event.ServerEvent.class, seen::add);
            other.start();
            other.stop();
            other.start();
            await().until(() -> seen.size() >= 3);
            assertThat(seen)
                    .extracting(e -> e.getClass().getSimpleName())
                    .startsWith("ServerStarted", "ServerStopped", "ServerStarted");
        }
    }

    @Test
    void servesOverIpv6Loopback() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback on this machine");
        server.apply(server.config().toBuilder()
                .service(ServiceConfig.builder("alpha")
                        .binding(Binding.plain("::1", 0))
                        .build())
                .build());
        InetSocketAddress bound = registry.require("alpha").listening().get(0);
        assertThat(bound.getAddress().getHostAddress()).isIn("0:0:0:0:0:0:0:1", "::1");
        try (java.net.Socket s = new java.net.Socket("::1", bound.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("v6\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("v6\r\n");
        }
    }

    private static boolean ipv6LoopbackAvailable() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean echoes(int port) {
        try (Client c = Client.connect(port)) {
            return c.echo("ping\r\n").equals("ping\r\n");
        } catch (java.io.IOException refusedOrSilent) {
            return false;
        }
    }
}
