package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.protocols.smtp.SmtpSaslServer.JOHN;
import static org.icewarp.protocols.smtp.SmtpSaslServer.JOHN_PASSWORD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code smtplib} as a real client: {@code starttls()} then {@code login()}, which picks the first of
 * CRAM-MD5, PLAIN and LOGIN that the server offers (and on a 535 tries the next one). Skipped when {@code python3} is
 * not on the machine.
 */
class SmtpSaslPythonTest {
    private static final String SCRIPT = """
            import smtplib, ssl, sys
            port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            with smtplib.SMTP("127.0.0.1", port, timeout=20) as s:
                s.ehlo("python.example")
                s.starttls(context=context)
                s.ehlo("python.example")
                offered = s.esmtp_features.get("auth", "").upper().split()
                chosen = next(m for m in ("CRAM-MD5", "PLAIN", "LOGIN") if m in offered)
                try:
                    code, _ = s.login(user, password)
                    print("OK", chosen, code)
                except smtplib.SMTPAuthenticationError as e:
                    print("REFUSED", chosen, e.smtp_code)
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void pythonIsPresent() {
        boolean present;
        try {
            Process p = new ProcessBuilder("python3", "-c", "import smtplib, ssl")
                    .redirectErrorStream(true)
                    .start();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        Assumptions.assumeTrue(present, "python3 with smtplib is not available");
    }

    private String smtplib(SmtpSaslServer s, String user, String password) throws Exception {
        Path script = Files.writeString(dir.resolve("login.py"), SCRIPT);
        Process p = new ProcessBuilder("python3", script.toString(), Integer.toString(s.port()), user, password)
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as("python exit status; output: %s", out).isZero();
        return out;
    }

    @Test
    void smtplibLogsInWithPlainOverStarttls() throws Exception {
        try (SmtpSaslLogs logs = new SmtpSaslLogs();
                SmtpSaslServer s = SmtpSaslServer.options().start()) {
            assertThat(smtplib(s, JOHN, "wrong-password")).isEqualTo("REFUSED PLAIN 535");
            assertThat(smtplib(s, JOHN, JOHN_PASSWORD)).isEqualTo("OK PLAIN 235");
            logs.assertNoneContains(List.of(JOHN_PASSWORD, "wrong-password"));
        }
    }

    @Test
    void smtplibPrefersCramMd5WhenReversibleSecretsOfferIt() throws Exception {
        try (SmtpSaslLogs logs = new SmtpSaslLogs();
                SmtpSaslServer s = SmtpSaslServer.options()
                        .enable("CRAM-MD5")
                        .reversibleSecrets()
                        .start()) {
            assertThat(smtplib(s, JOHN, JOHN_PASSWORD)).isEqualTo("OK CRAM-MD5 235");
            assertThat(logs.auth()).anySatisfy(l -> assertThat(l).endsWith("Result=1, User=" + JOHN + ", Method=2"));
            logs.assertNoneContains(List.of(JOHN_PASSWORD));
        }
    }
}
