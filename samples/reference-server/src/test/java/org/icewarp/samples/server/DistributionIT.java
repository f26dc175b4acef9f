package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The unpacked distribution ({@code target/icewarp-server/}) as a user runs it: {@code bin/icewarp} in a child
 * process, with the shipped configuration. Runs after {@code package} (failsafe), with the JDK that runs Maven.
 */
class DistributionIT {
    private static final Path DIST = Path.of(System.getProperty("icewarp.distribution", "target/icewarp-server"));
    private static final Path ARCHIVE = Path.of(System.getProperty("icewarp.archive", "target/icewarp-server.tar.gz"));
    private static final Path LAUNCHER = DIST.resolve("bin/icewarp");
    /** RFC 867 leaves the format open; the server writes e.g. "Monday, November 23, 2026 13:05:09-UTC". */
    private static final Pattern DAYTIME =
            Pattern.compile("[A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2}.*");

    @TempDir
    Path temp;

    /** The shipped configuration, copied as it is; the test binds through overrides, as an operator would. */
    private Path shippedConfiguration() throws IOException {
        Path copy = temp.resolve("icewarp.yaml");
        Files.copy(DIST.resolve("conf/icewarp.yaml"), copy);
        return copy;
    }

    private static Map<String, String> onLoopbackWithAFreePort() {
        Map<String, String> env = new HashMap<>();
        env.put("ICEWARP_SYSTEM_SERVICES_ALL_IP", "127.0.0.1");
        env.put("ICEWARP_SYSTEM_SERVICES_DAYTIME_PORTS", "0");
        // The shipped SMTP ports (2525, 5587) are fixed; another server on this machine may hold them.
        env.put("ICEWARP_SYSTEM_SERVICES_SMTP_PORTS", "0");
        return env;
    }

    @Test
    void distributionHasLauncherConfigurationAndLibrariesAndAnArchiveBesideIt() throws IOException {
        assertThat(Files.getPosixFilePermissions(LAUNCHER))
                .contains(
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE);
        assertThat(DIST.resolve("conf/icewarp.yaml")).isRegularFile();
        assertThat(DIST.resolve("conf/logback.xml")).isRegularFile();
        try (Stream<Path> lib = Files.list(DIST.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("reference-server-"))
                    .anyMatch(n -> n.startsWith("icewarp-core-"))
                    .anyMatch(n -> n.startsWith("icewarp-protocols-"))
                    .anyMatch(n -> n.startsWith("picocli-"))
                    .anyMatch(n -> n.startsWith("logback-classic-"));
        }
        assertThat(tarEntryMode(ARCHIVE, "icewarp-server/bin/icewarp")).contains(0755);
        assertThat(tarEntryMode(ARCHIVE, "icewarp-server/conf/icewarp.yaml")).isPresent();
    }

    @Test
    void startServesDaytimeWritesTheActivityLogAndStopsCleanlyOnSigterm() throws Exception {
        Path data = temp.resolve("data");
        Map<String, String> env = onLoopbackWithAFreePort();
        env.put("ICEWARP_SYSTEM_SERVER_ID", "i1");
        try (LauncherProcess server = LauncherProcess.start(
                LAUNCHER, env, "start", "--config", shippedConfiguration().toString(), "--data", data.toString())) {
            server.awaitOutputLine(l -> l.contains("ready"));
            Matcher listening = Pattern.compile("daytime listening on 127\\.0\\.0\\.1:(\\d+)")
                    .matcher(server.stdout());
            assertThat(listening.find()).as(server.stdout()).isTrue();
            int port = Integer.parseInt(listening.group(1));

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.setSoTimeout(10_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).matches(DAYTIME);
            }

            Path logs = data.resolve("logs");
            await("a Daytime log in " + logs + " with the connection")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> daytimeLog(logs)
                            .map(DistributionIT::read)
                            .filter(text -> text.contains("connected to /127.0.0.1:" + port))
                            .isPresent());
            assertThat(daytimeLog(logs).orElseThrow().getFileName().toString())
                    .as("d, the server ID, the date, the counter")
                    .matches("di1\\d{8}-00\\.log");

            server.terminate();
            int exit = server.awaitExit();

            // The JVM reports SIGTERM as 128 + 15 even when the shutdown hook stopped everything cleanly.
            assertThat(exit).as(server.stderr()).isIn(0, 143);
            assertThat(server.stdout()).contains("icewarp stopping", "icewarp stopped cleanly");
            assertThat(server.stderr()).contains("server stopped").doesNotContain("Exception", "\tat ");
            assertThat(read(daytimeLog(logs).orElseThrow()))
                    .as("the log is complete up to the stop")
                    .contains("service daytime stopped");
        }
    }

    private static Optional<Path> daytimeLog(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(p -> p.getFileName().toString().startsWith("d")).findFirst();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void migrateStorageFromTheDistributionConvertsAFileSystemStoreToTheShippedDatabaseBackend() throws Exception {
        Path source = temp.resolve("mail");
        Path h2 = temp.resolve("db");
        StorageSettings fs = StorageSettings.of(Options.of(Map.of("path", source.toString())));
        StorageSettings db = StorageSettings.of(Options.of(Map.of("path", h2.toString())));
        try (AccountStore accounts = RoundTripMailbox.provider("fs").openAccounts(fs);
                MailboxStore mail = RoundTripMailbox.provider("fs").openMailboxes(fs)) {
            RoundTripMailbox.populate(accounts, mail, 120);
        }

        try (LauncherProcess tool = LauncherProcess.start(
                LAUNCHER,
                Map.of(),
                "tool",
                "migrate-storage",
                "--quiet",
                "--from",
                "fs:path=" + source,
                "--to",
                "jdbc:path=" + h2)) {
            assertThat(tool.awaitExit())
                    .as(tool.stdout() + "\n" + tool.stderr())
                    .isZero();
            assertThat(tool.stdout()).contains("verification: OK");
        }
        try (MailboxStore expected = RoundTripMailbox.provider("fs").openMailboxes(fs);
                MailboxStore actual = RoundTripMailbox.provider("jdbc").openMailboxes(db)) {
            RoundTripMailbox.assertSameMailbox(expected, actual);
        }
    }

    @Test
    void servicesListsDaytimeFromTheShippedConfigurationWithoutBinding() throws Exception {
        try (LauncherProcess services = LauncherProcess.start(LAUNCHER, Map.of(), "services")) {
            assertThat(services.awaitExit()).as(services.stderr()).isZero();

            assertThat(services.stdout())
                    .contains(DIST.resolve("conf/icewarp.yaml").toRealPath().toString())
                    .containsPattern("daytime +daytime +daytime +yes +\\*:10013");
        }
    }

    @Test
    void launcherFindsItsDistributionThroughSymlinks() throws Exception {
        Path absolute = Files.createSymbolicLink(temp.resolve("icewarp-abs"), LAUNCHER.toAbsolutePath());
        Path relative = Files.createSymbolicLink(temp.resolve("icewarp"), Path.of("icewarp-abs"));

        try (LauncherProcess services = LauncherProcess.start(relative, Map.of(), "services")) {
            assertThat(services.awaitExit()).as(services.stderr()).isZero();

            assertThat(services.stdout())
                    .contains(DIST.resolve("conf/icewarp.yaml").toRealPath().toString());
        } finally {
            // JUnit would delete them too, with a warning about links that leave the temporary directory.
            Files.delete(relative);
            Files.delete(absolute);
        }
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "system.services.daytime.limits.max-incoming | max-incoming: 0 | max-incoming: -1",
                "system.services.daytime.logging | logging: summary | logging: loud"
            })
    void aBadConfigurationExitsWithTwoAndNamesTheKeyWithoutAStackTrace(String key, String good, String bad)
            throws Exception {
        Path config = shippedConfiguration();
        String text = Files.readString(config, StandardCharsets.UTF_8);
        assertThat(text).contains(good);
        // The first occurrence is the daytime section's; later sections (smtp, auth) have keys of the same name.
        Files.writeString(config, text.replaceFirst(Pattern.quote(good), bad), StandardCharsets.UTF_8);

        try (LauncherProcess server = LauncherProcess.start(
                LAUNCHER,
                onLoopbackWithAFreePort(),
                "start",
                "--config",
                config.toString(),
                "--data",
                temp.resolve("data").toString())) {
            assertThat(server.awaitExit()).isEqualTo(2);

            assertThat(server.stderr())
                    .contains("configuration error: " + key, bad.substring(bad.indexOf(':') + 2))
                    .doesNotContain("\tat ");
            assertThat(server.stdout()).doesNotContain("ready");
        }
    }

    @Test
    void aPortInUseIsReportedClearlyWithANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Map<String, String> env = onLoopbackWithAFreePort();
            env.put("ICEWARP_SYSTEM_SERVICES_DAYTIME_PORTS", Integer.toString(taken.getLocalPort()));

            try (LauncherProcess server = LauncherProcess.start(
                    LAUNCHER,
                    env,
                    "start",
                    "--config",
                    shippedConfiguration().toString(),
                    "--data",
                    temp.resolve("data").toString())) {
                assertThat(server.awaitExit()).isEqualTo(1);

                assertThat(server.stderr())
                        .contains("cannot start: service daytime: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                        .doesNotContain("\tat ");
                assertThat(server.stdout()).doesNotContain("ready");
            }
        }
    }

    @Test
    void aJavaHomeWithoutJavaIsReported() throws Exception {
        try (LauncherProcess launcher =
                LauncherProcess.start(LAUNCHER, Map.of("JAVA_HOME", temp.toString()), "services")) {
            assertThat(launcher.awaitExit()).isEqualTo(1);

            assertThat(launcher.stderr()).contains("JAVA_HOME", temp.toString());
        }
    }

    /** The mode of one entry of a .tar.gz, read from its ustar header; empty when there is no such entry. */
    private static Optional<Integer> tarEntryMode(Path archive, String entry) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            DataInputStream tar = new DataInputStream(in);
            byte[] header = new byte[512];
            while (true) {
                try {
                    tar.readFully(header);
                } catch (EOFException e) {
                    return Optional.empty();
                }
                String name = field(header, 0, 100);
                if (name.isEmpty()) {
                    return Optional.empty();
                }
                String prefix = field(header, 345, 155);
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                if (path.equals(entry)) {
                    return Optional.of(Integer.parseInt(field(header, 100, 8).trim(), 8) & 07777);
                }
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                tar.skipNBytes((size + 511) / 512 * 512);
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
