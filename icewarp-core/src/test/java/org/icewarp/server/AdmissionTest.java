package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.icewarp.core.config.AccessSettings;
import org.icewarp.core.config.Limits;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.event.SettingsChanged;
import org.icewarp.core.service.Service;
import org.icewarp.core.testing.Client;
import org.icewarp.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access rule and the connection limit, over real sockets. */
class AdmissionTest {
    private IceWarpServer server;

    private Service start(ServiceConfig.Builder echo, ServerConfig.Builder config) {
        server = IceWarpServer.builder()
                .serviceFactory(TestServices.echo("echo", "echo"))
                .config(config.service(echo.ports(0).build()).build())
                .build();
        server.start();
        return server.services().require("echo");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDenyRuleForLoopbackRefusesInTheProtocolsWords() throws Exception {
        Service echo = start(
                ServiceConfig.builder("echo").access(AccessSettings.deny("10.0.0.0/8;127.0.0.1")),
                ServerConfig.builder());
        try (Client c = Client.connect(echo)) {
            assertThat(c.readToEnd()).isEqualTo("DENIED\r\n");
        }
        assertThat(echo.stats().rejectedConnections()).isEqualTo(1);
        assertThat(echo.stats().totalSessions()).isZero();
    }

    @Test
    void aDenyRuleThroughANestedPatternRefuses() throws Exception {
        Service echo = start(
                ServiceConfig.builder("echo").access(AccessSettings.deny("[Outer]")),
                ServerConfig.builder()
                        .pattern("Outer", List.of("192.168.*.*", "[Inner]"))
                        .pattern("Inner", List.of("127.0-1.*.*")));
        try (Client c = Client.connect(echo)) {
            assertThat(c.readToEnd()).isEqualTo("DENIED\r\n");
        }
    }

    @Test
    void aGrantRuleAdmitsListedAddressesOnly() throws Exception {
        Service echo =
                start(ServiceConfig.builder("echo").access(AccessSettings.grant("127.0.0.1")), ServerConfig.builder());
        try (Client c = Client.connect(echo)) {
            assertThat(c.echo("in\r\n")).isEqualTo("in\r\n");
        }
        server.apply(server.config().toBuilder()
                .service(echo.config().toBuilder()
                        .access(AccessSettings.grant("10.*.*.*"))
                        .build())
                .build());
        try (Client c = Client.connect(echo)) {
            assertThat(c.readToEnd()).isEqualTo("DENIED\r\n");
        }
    }

    @Test
    void anAccessRuleChangeAppliesWithoutRestartingTheService() throws Exception {
        Service echo = start(ServiceConfig.builder("echo"), ServerConfig.builder());
        var port = echo.listening();
        List<SettingsChanged> changes = new ArrayList<>();
        server.events().subscribe(SettingsChanged.class, changes::add);
        try (Client open = Client.connect(echo)) {
            open.echo("before\r\n");
            server.apply(server.config().toBuilder()
                    .service(echo.config().toBuilder()
                            .access(AccessSettings.deny("127.0.0.1"))
                            .build())
                    .build());
            try (Client c = Client.connect(echo)) {
                assertThat(c.readToEnd()).isEqualTo("DENIED\r\n");
            }
            assertThat(echo.listening()).isEqualTo(port);
            assertThat(open.echo("established connections stay\r\n")).isEqualTo("established connections stay\r\n");
        }
        await().until(() -> !changes.isEmpty());
        assertThat(changes.get(0).updated()).containsExactly("echo");
        assertThat(changes.get(0).restarted()).isEmpty();
    }

    @Test
    void theConnectionOverTheLimitIsRefusedAndTheNextFreeSlotIsUsable() throws Exception {
        Service echo =
                start(ServiceConfig.builder("echo").limits(Limits.NONE.withMaxIncoming(3)), ServerConfig.builder());
        List<Client> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Client c = Client.connect(echo);
                admitted.add(c);
                assertThat(c.echo("n" + i + "\r\n")).isEqualTo("n" + i + "\r\n");
            }
            try (Client fourth = Client.connect(echo)) {
                assertThat(fourth.readToEnd()).isEqualTo("BUSY\r\n");
            }
            assertThat(echo.stats().rejectedConnections()).isEqualTo(1);
            assertThat(echo.stats().currentConnections()).isEqualTo(3);

            admitted.remove(0).close();
            await().until(() -> echo.stats().currentConnections() == 2);
            try (Client again = Client.connect(echo)) {
                assertThat(again.echo("room again\r\n")).isEqualTo("room again\r\n");
            }
        } finally {
            for (Client c : admitted) {
                c.close();
            }
        }
    }
}
