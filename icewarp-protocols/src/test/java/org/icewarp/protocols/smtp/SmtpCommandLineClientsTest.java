package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueuedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server driven by the command-line clients a user would reach for: swaks and python's {@code smtplib}. Each test
 * is skipped, with a message saying which tool is missing, when that tool is not installed, so the build passes
 * without them ({@code .ci/run} installs swaks on CI; python3 is usually present). BDAT is not covered here: neither
 * swaks nor {@code smtplib} speaks it (see {@code SmtpJakartaMailTest} for a client that does).
 */
class SmtpCommandLineClientsTest {
    private static final String SENDER = "sender@remote.example";

    private SmtpFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    // ---- swaks

    @Test
    void swaksDeliversAPlainMessageToALocalAccount() throws Exception {
        requireSwaks();
        fixture = new SmtpFixture(Map.of());

        Run run = swaks("--to", "john@example.com", "--header", "Subject: swaks plain", "--body", "Hello from swaks.");

        run.expectExit(0);
        String stored = onlyMessage("john@example.com");
        assertThat(stored).startsWith("Return-Path: <" + SENDER + ">\r\nReceived: from client.example.org");
        assertThat(stored).containsPattern(" with ESMTP\\s+id ");
        assertThat(stored).contains("\r\nSubject: swaks plain\r\n", "\r\n\r\nHello from swaks.\r\n");
    }

    @Test
    void swaksDeliversOverStartTls() throws Exception {
        requireSwaks();
        fixture = new SmtpFixture(Map.of());

        Run run = swaks("--tls", "--to", "jane@example.com", "--header", "Subject: swaks tls");

        run.expectExit(0);
        assertThat(run.output()).contains("STARTTLS").contains("TLS started");
        String stored = onlyMessage("jane@example.com");
        assertThat(stored).containsPattern(" with ESMTPS\\s+id ").contains("\r\nSubject: swaks tls\r\n");
    }

    @Test
    void swaksAuthenticatesWithPlainOverStartTlsAndSubmitsToARemoteDomain() throws Exception {
        requireSwaks();
        fixture = new SmtpFixture(Map.of("submission-only", "true"));

        Run run = swaks(
                "--tls",
                "--auth",
                "PLAIN",
                "--auth-user",
                "john@example.com",
                "--auth-password",
                "secret-john",
                "--from",
                "john@example.com",
                "--to",
                "friend@remote.example",
                "--header",
                "Subject: swaks submission");

        run.expectExit(0);
        QueuedMessage queued = onlyQueued();
        assertThat(queued.envelope().sender()).isEqualTo("john@example.com");
        assertThat(queued.envelope().recipients())
                .extracting(QueueRecipient::address)
                .containsExactly("friend@remote.example");
        assertThat(queuedContent(queued))
                .containsPattern(" with ESMTPSA\\s+id ")
                .contains("\r\nSubject: swaks submission\r\n");
    }

    @Test
    void swaksWithoutAuthenticationIsRefusedBySubmissionAndNothingIsQueued() throws Exception {
        requireSwaks();
        fixture = new SmtpFixture(Map.of("submission-only", "true"));

        Run run = swaks("--tls", "--to", "friend@remote.example");

        assertThat(run.exit()).as("swaks exit status\n%s", run.output()).isNotZero();
        assertThat(run.output()).contains("530");
        assertThat(fixture.server.queue().list(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void swaksPipelinesTheEnvelopeAndBothRecipientsGetTheMessage() throws Exception {
        requireSwaks();
        fixture = new SmtpFixture(Map.of());

        Run run = swaks(
                "--pipeline", "--to", "john@example.com,jane@example.com", "--header", "Subject: swaks pipelined");

        run.expectExit(0);
        // swaks refuses --pipeline (exit 29) unless the server offers PIPELINING; its transcript shows the batch
        assertThat(run.output()).contains("PIPELINING");
        assertThat(onlyMessage("john@example.com")).contains("\r\nSubject: swaks pipelined\r\n");
        assertThat(onlyMessage("jane@example.com")).contains("\r\nSubject: swaks pipelined\r\n");
        assertThat(fixture.smtp.stats().counters()).containsEntry("messages-received", 1L);
    }

    @Test
    void swaksReportsAnUnknownRecipientAndNothingIsStored() throws Exception {
        requireSwaks();
        fixture = new SmtpFixture(Map.of());

        Run run = swaks("--to", "nobody@example.com");

        // swaks exits 24 when no recipient was accepted
        assertThat(run.exit()).as("swaks exit status\n%s", run.output()).isEqualTo(24);
        assertThat(run.output()).contains("550 5.1.1");
        assertThat(fixture.smtp.stats().counters()).containsEntry("messages-received", 0L);
    }

    // ---- python smtplib

    @Test
    void smtplibDeliversExactBytesIncludingALeadingDotLine() throws Exception {
        requirePython();
        fixture = new SmtpFixture(Map.of());

        Run run = python("""
                s = smtplib.SMTP('127.0.0.1', PORT, local_hostname='client.example.org', timeout=10)
                refused = s.sendmail('sender@remote.example', ['john@example.com'], BODY)
                s.quit()
                print('refused', sorted(refused))
                """);

        run.expectExit(0);
        assertThat(run.output()).contains("refused []");
        String stored = onlyMessage("john@example.com");
        assertThat(stored).startsWith("Return-Path: <" + SENDER + ">\r\nReceived: from client.example.org");
        assertThat(stored).endsWith("\r\n" + PYTHON_BODY);
    }

    @Test
    void smtplibDeliversOverStartTls() throws Exception {
        requirePython();
        fixture = new SmtpFixture(Map.of());

        Run run = python("""
                s = smtplib.SMTP('127.0.0.1', PORT, local_hostname='client.example.org', timeout=10)
                s.starttls(context=TRUST_ALL)
                s.ehlo('client.example.org')
                refused = s.sendmail('sender@remote.example', ['jane@example.com'], BODY)
                s.quit()
                print('refused', sorted(refused))
                """);

        run.expectExit(0);
        String stored = onlyMessage("jane@example.com");
        assertThat(stored).containsPattern(" with ESMTPS\\s+id ").endsWith("\r\n" + PYTHON_BODY);
    }

    @Test
    void smtplibAuthenticatesWithPlainOverStartTlsAndSubmitsToARemoteDomain() throws Exception {
        requirePython();
        fixture = new SmtpFixture(Map.of("submission-only", "true"));

        Run run = python("""
                s = smtplib.SMTP('127.0.0.1', PORT, local_hostname='client.example.org', timeout=10)
                s.starttls(context=TRUST_ALL)
                s.ehlo('client.example.org')
                s.user, s.password = 'john@example.com', 'secret-john'
                code, text = s.auth('PLAIN', s.auth_plain)
                print('auth', code)
                refused = s.sendmail('john@example.com', ['friend@remote.example'], BODY)
                s.quit()
                print('refused', sorted(refused))
                """);

        run.expectExit(0);
        assertThat(run.output()).contains("auth 235", "refused []");
        QueuedMessage queued = onlyQueued();
        assertThat(queued.envelope().sender()).isEqualTo("john@example.com");
        assertThat(queuedContent(queued))
                .containsPattern(" with ESMTPSA\\s+id ")
                .endsWith("\r\n" + PYTHON_BODY);
    }

    @Test
    void smtplibReportsTheRefusedRecipientAndTheOthersGetTheMessage() throws Exception {
        requirePython();
        fixture = new SmtpFixture(Map.of());

        Run run = python("""
                s = smtplib.SMTP('127.0.0.1', PORT, local_hostname='client.example.org', timeout=10)
                refused = s.sendmail('sender@remote.example',
                        ['john@example.com', 'nobody@example.com', 'jane@example.com'], BODY)
                s.quit()
                for rcpt, (code, text) in sorted(refused.items()):
                    print('refused', rcpt, code, text.decode())
                """);

        run.expectExit(0);
        assertThat(run.output()).contains("refused nobody@example.com 550 5.1.1");
        assertThat(onlyMessage("john@example.com")).endsWith("\r\n" + PYTHON_BODY);
        assertThat(onlyMessage("jane@example.com")).endsWith("\r\n" + PYTHON_BODY);
    }

    @Test
    void smtplibSendsEightBitUtf8WithBody8bitmime() throws Exception {
        requirePython();
        fixture = new SmtpFixture(Map.of());

        Run run = python("""
                s = smtplib.SMTP('127.0.0.1', PORT, local_hostname='client.example.org', timeout=10)
                body = ('Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\\r\\nContent-Type: text/plain; charset=utf-8\\r\\n'
                        'Content-Transfer-Encoding: 8bit\\r\\n\\r\\nGrüße aus Köln, 東京.\\r\\n').encode('utf-8')
                refused = s.sendmail('sender@remote.example', ['john@example.com'], body,
                        mail_options=['BODY=8BITMIME'])
                s.quit()
                print('refused', sorted(refused))
                """);

        run.expectExit(0);
        assertThat(onlyMessage("john@example.com")).endsWith("\r\n\r\nGrüße aus Köln, 東京.\r\n");
    }

    // ---- helpers

    /** The message the python scripts send as {@code BODY}: CRLF line ends, one line that needs dot-stuffing. */
    private static final String PYTHON_BODY =
            "Subject: smtplib\r\nFrom: sender@remote.example\r\n\r\nfirst line\r\n.leading dot\r\nlast line\r\n";

    private record Run(int exit, String output) {
        void expectExit(int expected) {
            assertThat(exit).as("exit status; output:\n%s", output).isEqualTo(expected);
        }
    }

    private static void requireSwaks() {
        assumeTrue(onPath("swaks"), "swaks is not installed (Debian package swaks); skipping the swaks client test");
    }

    private static void requirePython() {
        assumeTrue(onPath("python3"), "python3 is not installed; skipping the smtplib client test");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private Run swaks(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "swaks",
                "--server",
                "127.0.0.1",
                "--port",
                Integer.toString(fixture.port()),
                "--helo",
                "client.example.org",
                "--from",
                SENDER,
                "--timeout",
                "15"));
        command.addAll(List.of(args));
        return run(command);
    }

    private Run python(String script) throws Exception {
        String prelude = """
                import smtplib, ssl, sys
                PORT = int(sys.argv[1])
                BODY = sys.argv[2].encode('ascii')
                TRUST_ALL = ssl.create_default_context()
                TRUST_ALL.check_hostname = False
                TRUST_ALL.verify_mode = ssl.CERT_NONE
                """;
        return run(List.of("python3", "-c", prelude + script, Integer.toString(fixture.port()), PYTHON_BODY));
    }

    private static Run run(List<String> command) throws Exception {
        // output to a file, so that a client that hangs is caught by the wait below rather than by a blocking read
        Path out = Files.createTempFile("smtp-client", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            p.getOutputStream().close();
            boolean finished = p.waitFor(60, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(finished)
                    .as("%s finished; output:\n%s", command.get(0), output)
                    .isTrue();
            return new Run(p.exitValue(), output);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String onlyMessage(String account) throws IOException {
        var inbox = fixture.inbox(account);
        assertThat(inbox).as("INBOX of %s", account).hasSize(1);
        return fixture.content(account, inbox.get(0).uid());
    }

    private QueuedMessage onlyQueued() {
        List<QueuedMessage> queued =
                fixture.server.queue().list(PageRequest.first(10)).items();
        assertThat(queued).hasSize(1);
        return queued.get(0);
    }

    private String queuedContent(QueuedMessage queued) throws IOException {
        try (InputStream in = fixture.server.queue().open(queued.id())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
