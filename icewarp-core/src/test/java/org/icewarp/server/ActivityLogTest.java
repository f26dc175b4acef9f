package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.icewarp.core.config.AccessSettings;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.log.LogLevel;
import org.icewarp.core.service.Service;
import org.icewarp.core.testing.Client;
import org.icewarp.core.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The per-service activity log, its logger name and its level changed at run time. */
class ActivityLogTest {
    private IceWarpServer server;
    private ListAppender<ILoggingEvent> lines;
    private Logger logger;

    @BeforeEach
    void start() {
        logger = (Logger) LoggerFactory.getLogger("icewarp.log.echo");
        lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        server = IceWarpServer.builder()
                .serviceFactory(TestServices.echo("echo", "echo"))
                .config(ServerConfig.builder()
                        .service(ServiceConfig.builder("echo")
                                .ports(0)
                                .logging(LogLevel.NONE)
                                .build())
                        .build())
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        logger.detachAppender(lines);
    }

    @Test
    void levelNoneWritesNothingAndSummaryWritesConnections() throws Exception {
        Service echo = server.services().require("echo");
        try (Client c = Client.connect(echo)) {
            c.echo("quiet\r\n");
        }
        await().until(() -> echo.stats().currentConnections() == 0);
        assertThat(lines.list).isEmpty();

        echo.setLogLevel(LogLevel.SUMMARY);
        assertThat(echo.stats().logLevel()).isEqualTo(LogLevel.SUMMARY);
        try (Client c = Client.connect(echo)) {
            c.echo("loud\r\n");
        }
        await().until(() ->
                lines.list.stream().anyMatch(e -> e.getFormattedMessage().contains("disconnected")));
        assertThat(lines.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("127.0.0.1 connected"));
        assertThat(lines.list).allSatisfy(e -> assertThat(e.getLoggerName()).isEqualTo("icewarp.log.echo"));
    }

    @Test
    void refusalsAreLoggedNeverSilent() throws Exception {
        Service echo = server.services().require("echo");
        echo.setLogLevel(LogLevel.SUMMARY);
        server.apply(server.config().toBuilder()
                .service(echo.config().toBuilder()
                        .access(AccessSettings.deny("127.0.0.1"))
                        .build())
                .build());
        try (Client c = Client.connect(echo)) {
            assertThat(c.readToEnd()).isEqualTo("DENIED\r\n");
        }
        assertThat(lines.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("127.0.0.1 refused: ACCESS_DENIED"));
    }

    @Test
    void aLevelChangeInTheConfigurationReplacesTheRunTimeLevel() {
        Service echo = server.services().require("echo");
        echo.setLogLevel(LogLevel.EXTENDED);
        server.apply(server.config().toBuilder()
                .service(echo.config().toBuilder().logging(LogLevel.DEBUG).build())
                .build());
        assertThat(echo.stats().logLevel()).isEqualTo(LogLevel.DEBUG);
    }
}
