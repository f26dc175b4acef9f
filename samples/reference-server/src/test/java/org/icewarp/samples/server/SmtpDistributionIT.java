package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.MailboxStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP end to end through the packaged distribution with its shipped configuration: {@code tool create domain} and
 * {@code tool create account} on the shipped fs storage, {@code start}, mail sent by a plain socket client, Jakarta
 * Mail, swaks and python's smtplib (the last two only where installed), and what the server stored read back from the
 * fs mailbox store by this process: the bytes the client sent, behind a {@code Return-Path:} and a {@code Received:}
 * line. One server for the class; after the clean stop every message is checked once more. Runs after {@code package}
 * (failsafe).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpDistributionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SENDER = "alice@remote.example";

    /** The class's temporary directory (a {@code @TempDir} field would be injected only before each test). */
    private Path temp;

    private FsDistribution dist;
    private LauncherProcess server;
    private int port;
    /** What each test saw stored, by account: checked again after the server stopped. */
    private final Map<String, List<byte[]>> expectedAfterStop = new ConcurrentHashMap<>();

    @BeforeAll
    void createAccountsAndStart(@TempDir Path temp) throws Exception {
        this.temp = temp;
        dist = FsDistribution.prepare(
                temp,
                "example.com",
                "john@example.com",
                "jane@example.com",
                "jakarta@example.com",
                "swaks@example.com",
                "python@example.com");
        server = dist.start();
        port = FsDistribution.smtpPort(server);
    }

    @AfterAll
    void stopAndCheckEverythingIsStillThere() throws Exception {
        try (LauncherProcess s = server) {
            s.terminate();
            assertThat(s.awaitExit()).as(s.stderr()).isIn(0, 143);
            assertThat(s.stdout()).contains("icewarp stopped cleanly");
            assertThat(s.stderr()).doesNotContain("ERROR", "Exception");
        }
        try (MailboxStore store = dist.openMailboxes()) {
            for (Map.Entry<String, List<byte[]>> e : expectedAfterStop.entrySet()) {
                assertThat(FsDistribution.inbox(store, EmailAddress.parse(e.getKey())))
                        .as("%s after the stop", e.getKey())
                        .containsExactlyElementsOf(e.getValue());
            }
        }
        assertThat(dist.data().resolve("logs"))
                .isDirectoryContaining(p -> p.getFileName().toString().startsWith("s"));
    }

    /** The account's INBOX as stored now, remembered for the check after the stop. */
    private List<byte[]> inbox(String account) throws Exception {
        try (MailboxStore store = dist.openMailboxes()) {
            List<byte[]> messages = FsDistribution.inbox(store, EmailAddress.parse(account));
            expectedAfterStop.put(account, messages);
            return messages;
        }
    }

    private static byte[] message(String messageId, String subject, String body) {
        return ("From: Alice <" + SENDER + ">\r\n"
                        + "To: John <john@example.com>\r\n"
                        + "Subject: " + subject + "\r\n"
                        + "Message-ID: <" + messageId + ">\r\n"
                        + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
                        + "\r\n"
                        + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesSentOverSmtpAreStoredOnFsByteForByteBehindReturnPathAndReceived() throws Exception {
        // Lines that need dot-stuffing, a line that is only a dot, and a message larger than the fs store's inline
        // limit (64 KiB), which takes the other write path.
        byte[] dots =
                message("dots@remote.example", "dots", ".leading dot\r\n.\r\n..two dots\r\nend . of line\r\n.\r\n");
        StringBuilder large = new StringBuilder();
        for (int i = 0; large.length() < 200_000; i++) {
            large.append("line ").append(i).append(" of a large message, with some text to fill it up\r\n");
        }
        byte[] big = message("big@remote.example", "big", large.toString());
        byte[] both = message("both@remote.example", "for two", "to John and Jane\r\n");

        try (SmtpClient c = SmtpClient.connect(port, TIMEOUT)) {
            assertThat(c.send(SENDER, List.of("john@example.com"), dots).code()).isEqualTo(250);
            assertThat(c.send(SENDER, List.of("john@example.com"), big).code()).isEqualTo(250);
            assertThat(c.send(SENDER, List.of("john@example.com", "jane@example.com"), both)
                            .code())
                    .isEqualTo(250);
            SmtpClient.Reply unknown =
                    c.send(SENDER, List.of("nobody@example.com"), message("x@remote.example", "x", "x\r\n"));
            assertThat(unknown.code()).as(unknown.toString()).isEqualTo(550);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
        }

        List<byte[]> john = inbox("john@example.com");
        assertThat(john).hasSize(3);
        List<FsDistribution.Stored> stored = new ArrayList<>();
        for (byte[] m : john) {
            stored.add(FsDistribution.Stored.parse(m));
        }
        assertThat(stored.get(0).message()).isEqualTo(dots);
        assertThat(stored.get(1).message()).isEqualTo(big);
        assertThat(stored.get(2).message()).isEqualTo(both);
        for (FsDistribution.Stored s : stored) {
            assertThat(s.returnPath()).isEqualTo("Return-Path: <" + SENDER + ">");
            assertThat(s.received()).contains("from client.test", "127.0.0.1", "with ESMTP");
        }
        assertThat(stored.get(0).received()).as("one recipient: named").contains("for <john@example.com>");
        assertThat(stored.get(2).received()).as("two recipients: neither named").doesNotContain("for <");

        List<byte[]> jane = inbox("jane@example.com");
        assertThat(jane).hasSize(1);
        FsDistribution.Stored janes = FsDistribution.Stored.parse(jane.get(0));
        assertThat(janes.message()).isEqualTo(both);
        assertThat(janes.received()).isEqualTo(stored.get(2).received());
    }

    @Test
    void jakartaMailSmtpTransportDeliversTheMessageAsWritten() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.localhost", "jakarta.client.test");
        props.put("mail.smtp.connectiontimeout", "30000");
        props.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(props);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(SENDER));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("jakarta@example.com"));
        m.setSubject("from Jakarta Mail");
        m.setText("Hello from Jakarta Mail.\r\n.A line with a leading dot.\r\n", "UTF-8");
        m.saveChanges();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        // What SMTPTransport sends: the message without the headers it never sends.
        m.writeTo(written, new String[] {"Bcc", "Content-Length"});

        // Transport.send would call saveChanges again (a new Message-ID); sendMessage sends the message as it is.
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            t.sendMessage(m, m.getAllRecipients());
        }

        List<byte[]> inbox = inbox("jakarta@example.com");
        assertThat(inbox).hasSize(1);
        FsDistribution.Stored stored = FsDistribution.Stored.parse(inbox.get(0));
        assertThat(stored.message()).isEqualTo(written.toByteArray());
        assertThat(stored.returnPath()).isEqualTo("Return-Path: <" + SENDER + ">");
        assertThat(stored.received()).contains("from jakarta.client.test", "for <jakarta@example.com>");
    }

    @Test
    void pythonSmtplibDeliversTheBytesItIsGiven() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed: python's smtplib is not tried");
        byte[] sent = message("python@remote.example", "from smtplib", "Hello from python.\r\n.dot\r\n");
        Path file = temp.resolve("python.eml");
        Files.write(file, sent);
        String script = "import smtplib, sys\n"
                + "s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30)\n"
                + "s.sendmail('" + SENDER + "', ['python@example.com'], open(sys.argv[2], 'rb').read())\n"
                + "s.quit()\n";
        run(List.of("python3", "-c", script, Integer.toString(port), file.toString()));

        List<byte[]> inbox = inbox("python@example.com");
        assertThat(inbox).hasSize(1);
        assertThat(FsDistribution.Stored.parse(inbox.get(0)).message()).isEqualTo(sent);
    }

    @Test
    void swaksDeliversIntoTheInbox() throws Exception {
        assumeTrue(onPath("swaks"), "swaks is not installed: the swaks delivery is not tried");
        String output = run(List.of(
                "swaks",
                "--server",
                "127.0.0.1:" + port,
                "--helo",
                "swaks.client.test",
                "--from",
                SENDER,
                "--to",
                "swaks@example.com",
                "--header",
                "Subject: from swaks",
                "--body",
                "Hello from swaks."));
        assertThat(output).contains("<-  250 2.0.0");

        List<byte[]> inbox = inbox("swaks@example.com");
        assertThat(inbox).hasSize(1);
        FsDistribution.Stored stored = FsDistribution.Stored.parse(inbox.get(0));
        assertThat(stored.returnPath()).isEqualTo("Return-Path: <" + SENDER + ">");
        assertThat(stored.received()).contains("from swaks.client.test");
        assertThat(new String(stored.message(), StandardCharsets.UTF_8))
                .contains("Subject: from swaks\r\n", "\r\n\r\nHello from swaks.\r\n");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command to its end (exit 0 expected); returns its output, standard error included. */
    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(command.get(0) + ": " + text).isZero();
        return text;
    }
}
