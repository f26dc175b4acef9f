package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.config.StoreChoice;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.core.service.ServiceProtocol;
import org.icewarp.storage.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores a server opens from its configuration, and the per-service temporary folders. */
class StorageWiringTest {
    @TempDir
    Path data;

    /** A service that records the context it was started with. */
    private static ServiceFactory recorder(List<ServiceContext> contexts) {
        return new ServiceFactory() {
            @Override
            public String type() {
                return "recorder";
            }

            @Override
            public String defaultModule() {
                return "recorder";
            }

            @Override
            public List<Integer> defaultPorts() {
                return List.of(0);
            }

            @Override
            public boolean enabledByDefault() {
                return true;
            }

            @Override
            public ServiceProtocol create(ServiceContext context) {
                contexts.add(context);
                return channel -> channel.close();
            }
        };
    }

    @Test
    void servicesGetTheConfiguredStoresAndAFreshTempFolder() throws Exception {
        List<ServiceContext> contexts = new CopyOnWriteArrayList<>();
        Path temp = data.resolve("temp").resolve("recorder");
        Files.createDirectories(temp.resolve("left/over"));
        Files.writeString(temp.resolve("left/over/message.tmp"), "from a crash");
        try (IceWarpServer server = IceWarpServer.builder()
                .dataDirectory(data)
                .serviceFactory(recorder(contexts))
                .config(ServerConfig.builder().mailboxes(StoreChoice.MEMORY).build())
                .build()) {
            server.start();
            ServiceContext c = contexts.get(0);
            assertThat(c.tempDirectory()).isEqualTo(temp);
            try (var files = Files.list(temp)) {
                assertThat(files).as("emptied when the service started").isEmpty();
            }
            c.accounts().createDomain(Domain.of("example.com"));
            assertThat(c.accounts().findDomain("example.com")).isPresent();
            assertThat(c.mailboxes()).isNotNull();
            assertThat(c.queue()).isNotNull();
        }
    }

    @Test
    void anUnknownProviderFailsStartNamingTheKeyAndTheKnownOnes() {
        try (IceWarpServer server = IceWarpServer.builder()
                .dataDirectory(data)
                .config(ServerConfig.builder()
                        .queue(StoreChoice.of("nosuch", Map.of()))
                        .build())
                .build()) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("system.storage.queue.provider")
                    .hasMessageContaining("nosuch")
                    .hasMessageContaining("memory");
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void optionsAProviderRefusesFailStartNamingTheKey() {
        try (IceWarpServer server = IceWarpServer.builder()
                .dataDirectory(data)
                .config(ServerConfig.builder()
                        .accounts(StoreChoice.of("memory", Map.of("colour", "blue")))
                        .build())
                .build()) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("system.storage.accounts.options")
                    .hasMessageContaining("colour");
        }
    }

    @Test
    void aServiceWithoutStorageUseStillStartsOnDefaults() {
        try (IceWarpServer server = IceWarpServer.builder()
                .dataDirectory(data)
                .config(ServerConfig.builder()
                        .service(
                                ServiceConfig.builder("recorder").enabled(false).build())
                        .build())
                .serviceFactory(recorder(new CopyOnWriteArrayList<>()))
                .build()) {
            server.start();
            assertThat(server.config().mailboxes()).isEqualTo(StoreChoice.MEMORY);
        }
    }
}
