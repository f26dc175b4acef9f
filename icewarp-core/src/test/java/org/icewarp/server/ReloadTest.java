package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.event.SettingsChanged;
import org.icewarp.core.event.SettingsRejected;
import org.icewarp.core.service.Service;
import org.icewarp.core.testing.Client;
import org.icewarp.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live reload of the configuration file, through the watcher the server schedules. */
class ReloadTest {
    @TempDir
    Path dir;

    private IceWarpServer server;
    private final List<SettingsChanged> changed = new CopyOnWriteArrayList<>();
    private final List<SettingsRejected> rejected = new CopyOnWriteArrayList<>();

    private static String yaml(String alphaPort, String extra) {
        return """
                system:
                  config: { reload-interval: 100ms }
                  services:
                    alpha: { ports: [%s] }
                    beta: { ports: [0] }
                %s""".formatted(alphaPort, extra);
    }

    private Path config(String text) throws IOException {
        Path f = dir.resolve("icewarp.yaml");
        Files.writeString(f, text);
        return f;
    }

    private static IceWarpServer build(Path file) {
        return IceWarpServer.builder()
                .serviceFactory(TestServices.echo("alpha", "alpha"))
                .serviceFactory(TestServices.echo("beta", "beta"))
                .configFile(file)
                .build();
    }

    private void start(Path file) {
        server = build(file);
        server.start();
        server.events().subscribe(SettingsChanged.class, changed::add);
        server.events().subscribe(SettingsRejected.class, rejected::add);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBadValueFailsStartNamingKeyAndValue() throws IOException {
        Path f = config(yaml("0", "").replace("beta: { ports: [0] }", "beta: { ports: [0], logging: chatty }"));
        server = build(f);
        assertThatThrownBy(server::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.services.beta.logging")
                .hasMessageContaining("chatty");
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void anUnknownServiceTypeFailsStartNamingIt() throws IOException {
        Path f = config(yaml("0", "").replace("beta: { ports: [0] }", "beta: { type: gopher }"));
        server = build(f);
        assertThatThrownBy(server::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("system.services.beta.type")
                .hasMessageContaining("gopher");
    }

    @Test
    void aBrokenFileAtReloadIsRejectedAndTheRunningConfigurationStays() throws Exception {
        Path f = config(yaml("0", ""));
        start(f);
        Service alpha = server.services().require("alpha");
        List<InetSocketAddress> before = alpha.listening();
        var configBefore = server.config();

        Files.writeString(
                f,
                yaml("0", "").replace("alpha: { ports: [0] }", "alpha: { ports: [0], limits: { max-incoming: -3 } }"));
        await().until(() -> !rejected.isEmpty());

        assertThat(rejected.get(0).reason())
                .contains("system.services.alpha.limits.max-incoming")
                .contains("-3");
        assertThat(server.config()).isEqualTo(configBefore);
        assertThat(alpha.listening()).isEqualTo(before);
        try (Client c = Client.connect(alpha)) {
            assertThat(c.echo("still serving\r\n")).isEqualTo("still serving\r\n");
        }

        Files.writeString(f, "system: [ this is: not yaml");
        await().until(() -> rejected.size() >= 2);
        assertThat(rejected.get(1).reason()).contains("icewarp.yaml");
        assertThat(changed).isEmpty();
        assertThat(alpha.listening()).isEqualTo(before);
    }

    @Test
    void aGoodReloadChangesAPortWithoutRestartingOtherServices() throws Exception {
        Path f = config(yaml("0", ""));
        start(f);
        Service alpha = server.services().require("alpha");
        Service beta = server.services().require("beta");
        List<InetSocketAddress> betaBefore = beta.listening();
        int newPort = freePort();

        try (Client betaConnection = Client.connect(beta)) {
            betaConnection.echo("before\r\n");
            Files.writeString(f, yaml(Integer.toString(newPort), ""));
            await().until(() -> !changed.isEmpty());

            assertThat(changed.get(0).restarted()).containsExactly("alpha");
            assertThat(alpha.listening()).extracting(InetSocketAddress::getPort).containsExactly(newPort);
            try (Client c = Client.connect(newPort)) {
                assertThat(c.echo("new port\r\n")).isEqualTo("new port\r\n");
            }
            assertThat(beta.listening()).isEqualTo(betaBefore);
            assertThat(betaConnection.echo("beta's connection survived\r\n"))
                    .isEqualTo("beta's connection survived\r\n");
        }
        assertThat(server.config().service("alpha").orElseThrow().ports()).containsExactly(newPort);
    }

    @Test
    void aReloadCanDenyAnAddressWhileRunning() throws Exception {
        Path f = config(yaml("0", ""));
        start(f);
        Service alpha = server.services().require("alpha");
        Files.writeString(
                f,
                yaml("0", "")
                        .replace(
                                "alpha: { ports: [0] }",
                                "alpha: { ports: [0], access: { restrict: true, type: deny, addresses: \"127.0.0.1\" } }"));
        await().until(() -> !changed.isEmpty());
        assertThat(changed.get(0).updated()).containsExactly("alpha");
        try (Client c = Client.connect(alpha)) {
            assertThat(c.readToEnd()).isEqualTo("DENIED\r\n");
        }
    }

    @Test
    void aNewReloadIntervalTakesEffect() throws Exception {
        Path f = config(yaml("0", "").replace("reload-interval: 100ms", "reload-interval: 1h"));
        start(f);
        Files.writeString(f, yaml("0", ""));
        server.reload(); // applies the 100ms interval by hand; from now on the watcher must notice edits by itself
        assertThat(server.config().reloadInterval()).isEqualTo(java.time.Duration.ofMillis(100));
        assertThat(changed).as("no service changed, so nothing is announced").isEmpty();
        Files.writeString(
                f,
                yaml("0", "")
                        .replace(
                                "alpha: { ports: [0] }",
                                "alpha: { ports: [0], access: { restrict: true, type: deny, addresses: \"127.0.0.1\" } }"));
        await().until(() -> changed.size() == 1);
        assertThat(changed.get(0).updated()).containsExactly("alpha");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
