package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS as an operator checks it: certificates made with {@code bin/icewarp tool certificate create}, the Daytime
 * service on an implicit-TLS binding of the unpacked distribution, and {@code openssl s_client} choosing names by SNI,
 * offering old protocol versions, and seeing a certificate file replaced while the server runs. Skipped, with a
 * message, where {@code openssl} is not installed.
 */
class DistributionTlsIT {
    private static final Path DIST = Path.of(System.getProperty("icewarp.distribution", "target/icewarp-server"));
    private static final Path LAUNCHER = DIST.resolve("bin/icewarp");
    private static final Pattern SUBJECT_CN = Pattern.compile("(?m)^subject=.*CN ?= ?([^,\\n]+)");

    @TempDir
    Path temp;

    @BeforeAll
    static void opensslIsInstalled() {
        boolean present;
        try {
            Process p = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        if (!present) {
            System.err.println("[reference-server] DistributionTlsIT skipped: openssl is not on the PATH");
        }
        assumeTrue(present, "openssl is not on the PATH");
    }

    /** Runs {@code bin/icewarp tool certificate create --self-signed} for {@code cn}, writing {@code file}. */
    private static void createCertificate(String cn, Path file, boolean force) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "tool", "certificate", "create", "--cn", cn, "--days", "2", "--self-signed", "--out", file.toString()));
        if (force) {
            args.add("--force");
        }
        try (LauncherProcess tool = LauncherProcess.start(LAUNCHER, Map.of(), args.toArray(String[]::new))) {
            assertThat(tool.awaitExit())
                    .as(tool.stdout() + "\n" + tool.stderr())
                    .isZero();
        }
    }

    /** The shipped configuration with Daytime on one implicit-TLS binding and two SNI certificates. */
    private Path configuration(Path mail, Path wildcard) throws IOException {
        String shipped = Files.readString(DIST.resolve("conf/icewarp.yaml"), StandardCharsets.UTF_8);
        String daytimeBindings = "      bindings: []";
        String serverCertificates = "    server: []";
        assertThat(shipped).contains(daytimeBindings, serverCertificates);
        String edited = shipped.replace(
                        daytimeBindings, "      bindings:\n        - { ip: 127.0.0.1, port: 0, tls: true }")
                .replace(
                        serverCertificates,
                        "    server:\n      - { file: \"" + mail + "\" }\n      - { file: \"" + wildcard + "\" }")
                .replace("reload-interval: 2s", "reload-interval: 200ms");
        Path copy = temp.resolve("icewarp.yaml");
        Files.writeString(copy, edited, StandardCharsets.UTF_8);
        return copy;
    }

    /** {@code openssl s_client} against the port with these extra arguments; returns its output (stdout + stderr). */
    private static String sClient(int port, String... extra) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-showcerts"));
        command.addAll(List.of(extra));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String subjectCn(String sClientOutput) {
        Matcher m = SUBJECT_CN.matcher(sClientOutput);
        assertThat(m.find()).as(sClientOutput).isTrue();
        return m.group(1).trim();
    }

    /** The first certificate of a PEM file or of s_client's -showcerts output, without line breaks. */
    private static String firstCertificate(String text) {
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        int end = text.indexOf("-----END CERTIFICATE-----", begin);
        assertThat(begin).as(text).isNotNegative();
        return text.substring(begin, end).replaceAll("\\s", "");
    }

    @Test
    void sniProtocolVersionsAndACertificateReplacedWhileRunning() throws Exception {
        Path certs = Files.createDirectories(temp.resolve("certs"));
        Path mail = certs.resolve("mail.pem");
        Path wildcard = certs.resolve("wildcard.pem");
        createCertificate("mail.example.com", mail, false);
        createCertificate("*.example.com", wildcard, false);

        try (LauncherProcess server = LauncherProcess.start(
                LAUNCHER,
                // The shipped SMTP service: on loopback, on a free port.
                Map.of("ICEWARP_SYSTEM_SERVICES_ALL_IP", "127.0.0.1", "ICEWARP_SYSTEM_SERVICES_SMTP_PORTS", "0"),
                "start",
                "--config",
                configuration(mail, wildcard).toString(),
                "--data",
                temp.resolve("data").toString())) {
            server.awaitOutputLine(l -> l.contains("ready"));
            Matcher listening = Pattern.compile("daytime listening on 127\\.0\\.0\\.1:(\\d+)")
                    .matcher(server.stdout());
            assertThat(listening.find()).as(server.stdout()).isTrue();
            int port = Integer.parseInt(listening.group(1));

            assertThat(subjectCn(sClient(port, "-servername", "mail.example.com")))
                    .as("an exact name beats the wildcard")
                    .isEqualTo("mail.example.com");
            assertThat(subjectCn(sClient(port, "-servername", "smtp.example.com")))
                    .isEqualTo("*.example.com");
            String defaultCn = subjectCn(sClient(port, "-noservername"));
            assertThat(defaultCn).isNotIn("mail.example.com", "*.example.com");
            assertThat(subjectCn(sClient(port, "-servername", "mail.example.org")))
                    .as("an unknown name gets the [Default] certificate")
                    .isEqualTo(defaultCn);

            assertThat(sClient(port, "-servername", "mail.example.com", "-tls1_3"))
                    .contains("TLSv1.3");
            assertThat(sClient(port, "-servername", "mail.example.com", "-tls1_2"))
                    .contains("TLSv1.2");
            String old = sClient(port, "-servername", "mail.example.com", "-tls1_1");
            assertThat(old).as("TLS 1.1 is not offered").doesNotContain("BEGIN CERTIFICATE");

            String before = firstCertificate(sClient(port, "-servername", "mail.example.com"));
            assertThat(before).isEqualTo(firstCertificate(Files.readString(mail)));
            createCertificate("mail.example.com", mail, true);
            String replaced = firstCertificate(Files.readString(mail));
            assertThat(replaced).isNotEqualTo(before);
            await("the replaced certificate served to a new connection")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> firstCertificate(sClient(port, "-servername", "mail.example.com"))
                            .equals(replaced));

            server.terminate();
            assertThat(server.awaitExit()).as(server.stderr()).isIn(0, 143);
        }
    }
}
