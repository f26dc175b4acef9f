package org.icewarp.samples.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's conf/logback.xml, loaded as the server loads it, with the properties the launcher sets. */
class ShippedLogbackConfigurationTest {
    private static final Path CONFIGURATION = Path.of("src/dist/conf/logback.xml");

    private final LoggerContext context = new LoggerContext();

    @TempDir
    Path data;

    @AfterEach
    void stopLogging() {
        context.stop();
    }

    private void configure(Map<String, String> properties) throws JoranException {
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONFIGURATION.toFile());
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() >= Status.WARN)
                .isEmpty();
    }

    private List<String> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> appenderNames(Logger logger) {
        List<String> names = new ArrayList<>();
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = logger.iteratorForAppenders();
                it.hasNext(); ) {
            names.add(it.next().getName());
        }
        return names;
    }

    @Test
    void theAuthenticationLogHasItsOwnFile() throws Exception {
        configure(Map.of("icewarp.data", data.toString(), "icewarp.server.id", ""));

        context.getLogger("icewarp.log.auth")
                .info("194.188.6.143 [1D14] 17:39:16:874 Authentication [IMAP] - Result=0, User=b, Method=0");

        List<String> files = logFiles();
        assertThat(files).hasSize(1);
        assertThat(files.get(0)).matches("a\\d{8}-00\\.log");
        assertThat(Files.readString(data.resolve("logs").resolve(files.get(0)), StandardCharsets.UTF_8))
                .contains("Authentication [IMAP] - Result=0, User=b, Method=0");
    }

    @Test
    void activityLinesGoOnlyToTheServiceFileAndServerWarningsToTheGeneralFile() throws Exception {
        configure(Map.of("icewarp.data", data.toString(), "icewarp.server.id", "r1"));

        context.getLogger("icewarp.log.daytime").info("127.0.0.1 connected");
        context.getLogger("org.icewarp.server.IceWarpServer").info("server started");
        context.getLogger("org.icewarp.server.IceWarpServer").warn("something to look at");

        List<String> files = logFiles();
        assertThat(files).hasSize(2);
        assertThat(files.get(0)).matches("dr1\\d{8}-00\\.log");
        assertThat(files.get(1)).matches("er1\\d{8}-00\\.log");
        assertThat(Files.readString(data.resolve("logs").resolve(files.get(0)), StandardCharsets.UTF_8))
                .contains("127.0.0.1 connected");
        assertThat(Files.readString(data.resolve("logs").resolve(files.get(1)), StandardCharsets.UTF_8))
                .contains("something to look at")
                .doesNotContain("server started");
        Logger activity = context.getLogger("icewarp.log");
        assertThat(activity.isAdditive())
                .as("activity lines stay off the console")
                .isFalse();
        assertThat(appenderNames(activity)).containsExactly("FILES");
        assertThat(appenderNames(context.getLogger(Logger.ROOT_LOGGER_NAME))).containsExactly("CONSOLE", "FILES");
    }

    @Test
    void syslogIsOffUnlessAHostIsGiven() throws Exception {
        configure(Map.of("icewarp.data", data.toString()));

        assertThat(appenderNames(context.getLogger(Logger.ROOT_LOGGER_NAME))).doesNotContain("SYSLOG");
        assertThat(appenderNames(context.getLogger("icewarp.log"))).doesNotContain("SYSLOG");
    }

    @Test
    void withASyslogHostEveryLineIsAlsoSentOverUdp() throws Exception {
        try (DatagramSocket syslog = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            syslog.setSoTimeout(10_000);
            configure(Map.of(
                    "icewarp.data", data.toString(),
                    "icewarp.syslog.host", "127.0.0.1",
                    "icewarp.syslog.port", Integer.toString(syslog.getLocalPort())));

            context.getLogger("icewarp.log.daytime").info("127.0.0.1 connected");
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            syslog.receive(packet);

            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            // facility MAIL (2) * 8 + severity informational (6) = 22
            assertThat(message).startsWith("<22>").contains("[daytime] 127.0.0.1 connected");
            assertThat(appenderNames(context.getLogger(Logger.ROOT_LOGGER_NAME)))
                    .contains("SYSLOG");
        }
    }
}
