package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueuedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Jakarta Mail (Eclipse Angus) {@link Transport} against the running server over a socket: plain, STARTTLS, STARTTLS
 * with AUTH PLAIN and LOGIN on a submission service, partial recipient failure, 8BITMIME with UTF-8, a 2 MB
 * attachment, and BDAT chunks. Every test asserts on what the store holds afterwards.
 *
 * <p>SCRAM is not covered here: Angus speaks LOGIN, PLAIN, DIGEST-MD5, NTLM and XOAUTH2 itself and otherwise only the
 * mechanisms of the installed {@code javax.security.sasl} client factories, and the JDK ships no SCRAM client.
 */
class SmtpJakartaMailTest {
    private static final String SENDER = "sender@remote.example";

    private SmtpFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aPlainMessageToALocalAccountIsStoredWithItsTraceLines() throws Exception {
        fixture = new SmtpFixture(Map.of());
        Session session = session(new Properties());
        MimeMessage message = message(session, "Plain hello", "Hello John,\r\nthis came by Jakarta Mail.\r\n");
        message.setRecipients(Message.RecipientType.TO, "john@example.com");

        byte[] sent = sendExact(session, message, null, null);

        String stored = onlyMessage("john@example.com");
        assertThat(stored).startsWith("Return-Path: <" + SENDER + ">\r\nReceived: from client.example.org");
        assertThat(stored).containsPattern(" with ESMTP\\s+id ");
        assertThat(withoutTraceLines(stored)).isEqualTo(new String(sent, StandardCharsets.UTF_8));
        assertThat(fixture.inbox("jane@example.com")).isEmpty();
    }

    @Test
    void aMessageSentOverStartTlsIsStoredAndMarkedEsmtps() throws Exception {
        fixture = new SmtpFixture(Map.of());
        Session session = session(startTls());
        MimeMessage message = message(session, "Secret hello", "Under TLS.\r\n");
        message.setRecipients(Message.RecipientType.TO, "jane@example.com");

        byte[] sent = sendExact(session, message, null, null);

        String stored = onlyMessage("jane@example.com");
        assertThat(stored).containsPattern(" with ESMTPS\\s+id ");
        assertThat(withoutTraceLines(stored)).isEqualTo(new String(sent, StandardCharsets.UTF_8));
    }

    @Test
    void authPlainOverStartTlsOnASubmissionServiceQueuesMailForARemoteDomain() throws Exception {
        submitsToRemoteDomainWith("PLAIN");
    }

    @Test
    void authLoginOverStartTlsOnASubmissionServiceQueuesMailForARemoteDomain() throws Exception {
        submitsToRemoteDomainWith("LOGIN");
    }

    private void submitsToRemoteDomainWith(String mechanism) throws Exception {
        fixture = new SmtpFixture(Map.of("submission-only", "true"));
        Properties p = startTls();
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.auth.mechanisms", mechanism);
        p.setProperty("mail.smtp.from", "john@example.com");
        Session session = session(p);
        MimeMessage message = message(session, "Outbound", "To the world.\r\n");
        message.setFrom("john@example.com");
        message.setRecipients(Message.RecipientType.TO, "friend@remote.example");

        byte[] sent = sendExact(session, message, "john@example.com", "secret-john");

        List<QueuedMessage> queued =
                fixture.server.queue().list(PageRequest.first(10)).items();
        assertThat(queued).hasSize(1);
        QueuedMessage q = queued.get(0);
        assertThat(q.envelope().sender()).isEqualTo("john@example.com");
        assertThat(q.envelope().recipients())
                .extracting(QueueRecipient::address)
                .containsExactly("friend@remote.example");
        String content;
        try (InputStream in = fixture.server.queue().open(q.id())) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(content).startsWith("Received: from client.example.org").containsPattern(" with ESMTPSA\\s+id ");
        assertThat(content).endsWith(new String(sent, StandardCharsets.UTF_8));
        assertThat(fixture.inbox("john@example.com")).isEmpty();
    }

    @Test
    void aWrongPasswordFailsAuthenticationAndNothingIsQueued() throws Exception {
        fixture = new SmtpFixture(Map.of("submission-only", "true"));
        Properties p = startTls();
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.auth.mechanisms", "PLAIN");
        Session session = session(p);
        MimeMessage message = message(session, "Outbound", "To the world.\r\n");
        message.setRecipients(Message.RecipientType.TO, "friend@remote.example");

        assertThatThrownBy(() -> Transport.send(message, "john@example.com", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);

        assertThat(fixture.server.queue().list(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aSubmissionServiceRefusesMailWithoutAuthentication() throws Exception {
        fixture = new SmtpFixture(Map.of("submission-only", "true"));
        Session session = session(startTls());
        MimeMessage message = message(session, "Outbound", "To the world.\r\n");
        message.setRecipients(Message.RecipientType.TO, "john@example.com");

        assertThatThrownBy(() -> Transport.send(message))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("530");

        assertThat(fixture.inbox("john@example.com")).isEmpty();
        assertThat(fixture.server.queue().list(PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void anUnknownRecipientFailsTheWholeSendByDefaultAndNothingIsStored() throws Exception {
        fixture = new SmtpFixture(Map.of());
        Session session = session(new Properties());
        MimeMessage message = message(session, "Three", "To three.\r\n");
        message.setRecipients(Message.RecipientType.TO, "john@example.com, nobody@example.com, jane@example.com");

        SendFailedException failure = catchSendFailed(() -> Transport.send(message));

        assertThat(addresses(failure.getInvalidAddresses())).containsExactly("nobody@example.com");
        assertThat(addresses(failure.getValidUnsentAddresses()))
                .containsExactlyInAnyOrder("john@example.com", "jane@example.com");
        assertThat(failure.getValidSentAddresses()).isNullOrEmpty();
        assertThat(failure.getNextException()).isInstanceOf(SMTPAddressFailedException.class);
        assertThat(((SMTPAddressFailedException) failure.getNextException()).getReturnCode())
                .isEqualTo(550);
        assertThat(fixture.inbox("john@example.com")).isEmpty();
        assertThat(fixture.inbox("jane@example.com")).isEmpty();
    }

    @Test
    void withSendPartialTheKnownRecipientsGetOneCopyEachAndTheUnknownIsReported() throws Exception {
        fixture = new SmtpFixture(Map.of());
        Properties p = new Properties();
        p.setProperty("mail.smtp.sendpartial", "true");
        Session session = session(p);
        MimeMessage message = message(session, "Three", "To three.\r\n");
        message.setRecipients(Message.RecipientType.TO, "john@example.com, nobody@example.com, jane@example.com");
        message.saveChanges();
        byte[] sent = bytes(message);

        SendFailedException failure = catchSendFailed(() -> {
            try (Transport t = session.getTransport("smtp")) {
                t.connect();
                t.sendMessage(message, message.getAllRecipients());
            }
        });

        assertThat(addresses(failure.getInvalidAddresses())).containsExactly("nobody@example.com");
        assertThat(addresses(failure.getValidSentAddresses()))
                .containsExactlyInAnyOrder("john@example.com", "jane@example.com");
        for (String account : List.of("john@example.com", "jane@example.com")) {
            String stored = onlyMessage(account);
            // two recipients: the trace header must not name either
            assertThat(stored).doesNotContain("for <");
            assertThat(withoutTraceLines(stored)).isEqualTo(new String(sent, StandardCharsets.UTF_8));
        }
        assertThat(fixture.smtp.stats().counters()).containsEntry("messages-received", 1L);
    }

    @Test
    void anEightBitUtf8MessageIsStoredWithItsRawBytes() throws Exception {
        fixture = new SmtpFixture(Map.of());
        Properties p = new Properties();
        p.setProperty("mail.smtp.allow8bitmime", "true");
        p.setProperty("mail.mime.allowutf8", "true");
        Session session = session(p);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(SENDER);
        message.setRecipients(Message.RecipientType.TO, "john@example.com");
        message.setSubject("Grüße aus Köln — 東京", "UTF-8");
        String text = "Příliš žluťoučký kůň úpěl ďábelské ódy.\r\n日本語のテキスト.\r\n";
        message.setText(text, "UTF-8");
        message.setHeader("Content-Transfer-Encoding", "8bit");
        message.saveChanges();
        message.setHeader("Content-Transfer-Encoding", "8bit");

        byte[] sent = sendExact(session, message, null, null);

        String stored = onlyMessage("john@example.com");
        // the body travelled as 8-bit text (not quoted-printable or base64) and arrived byte for byte
        assertThat(stored).contains(text);
        assertThat(stored).contains("Content-Transfer-Encoding: 8bit");
        assertThat(withoutTraceLines(stored)).isEqualTo(new String(sent, StandardCharsets.UTF_8));
        MimeMessage parsed =
                new MimeMessage(session, new java.io.ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.getSubject()).isEqualTo("Grüße aus Köln — 東京");
        assertThat(parsed.getContent()).isEqualTo(text);
    }

    @Test
    void aTwoMegabyteAttachmentIsStoredByteForByte() throws Exception {
        fixture = new SmtpFixture(Map.of());
        Session session = session(new Properties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(SENDER);
        message.setRecipients(Message.RecipientType.TO, "jane@example.com");
        message.setSubject("Big");
        byte[] attachment = new byte[2 * 1024 * 1024];
        new Random(42).nextBytes(attachment);
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText("See the attachment.\r\n.\r\n..two dots\r\n");
        MimeBodyPart filePart = new MimeBodyPart();
        filePart.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        filePart.setFileName("random.bin");
        message.setContent(new MimeMultipart(textPart, filePart));

        byte[] sent = sendExact(session, message, null, null);

        List<MessageMetadata> inbox = fixture.inbox("jane@example.com");
        assertThat(inbox).hasSize(1);
        byte[] stored;
        try (InputStream in = fixture.server
                .mailboxes()
                .open(
                        org.icewarp.storage.EmailAddress.parse("jane@example.com"),
                        org.icewarp.storage.FolderName.INBOX,
                        inbox.get(0).uid())) {
            stored = in.readAllBytes();
        }
        int trace = traceLength(new String(stored, StandardCharsets.ISO_8859_1));
        assertThat(Arrays.equals(stored, trace, stored.length, sent, 0, sent.length))
                .as("stored bytes after the trace lines equal the %d bytes sent", sent.length)
                .isTrue();
        MimeMessage parsed = new MimeMessage(session, new java.io.ByteArrayInputStream(stored));
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        try (InputStream in = parts.getBodyPart(1).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(attachment);
        }
    }

    /**
     * No line of this message starts with a dot: Angus 2.0.5 dot-stuffs BDAT chunks as if they were DATA (its open
     * issue eclipse-ee4j/angus-mail#209), so such a line would arrive, correctly stored, with a second dot.
     */
    @Test
    void aMessageSentInBdatChunksIsStoredByteForByte() throws Exception {
        fixture = new SmtpFixture(Map.of());
        Properties p = new Properties();
        // Angus switches from DATA to BDAT (RFC 3030) when this is set and the server offers CHUNKING
        p.setProperty("mail.smtp.chunksize", "8192");
        Session session = session(p);
        ByteArrayOutputStream dialogue = new ByteArrayOutputStream();
        session.setDebugOut(new java.io.PrintStream(dialogue, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            text.append("line ").append(i).append("\r\n");
        }
        MimeMessage message = message(session, "Chunked", text.toString());
        message.setRecipients(Message.RecipientType.TO, "john@example.com");

        byte[] sent = sendExact(session, message, null, null);

        assertThat(sent.length).isGreaterThan(3 * 8192);
        String log = dialogue.toString(StandardCharsets.UTF_8);
        assertThat(log.contains("BDAT 8192") && log.contains(" LAST") && !log.contains("\nDATA"))
                .as("the client used BDAT")
                .isTrue();
        String stored = onlyMessage("john@example.com");
        assertThat(withoutTraceLines(stored)).isEqualTo(new String(sent, StandardCharsets.UTF_8));
    }

    // ---- helpers

    private Session session(Properties extra) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(fixture.port()));
        p.setProperty("mail.smtp.localhost", "client.example.org");
        p.setProperty("mail.smtp.from", SENDER);
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "10000");
        p.putAll(extra); // after the defaults: a test may replace any of them
        return Session.getInstance(p);
    }

    private static Properties startTls() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        // the test server's certificate is self-signed
        p.setProperty("mail.smtp.ssl.trust", "*");
        return p;
    }

    private static MimeMessage message(Session session, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(SENDER);
        message.setSubject(subject);
        message.setText(text);
        return message;
    }

    /**
     * Sends a message exactly as {@link #bytes} renders it: {@code Transport.send} would call {@code saveChanges}
     * again and give it a new Message-ID, so this calls it once and sends through a connected transport.
     */
    private static byte[] sendExact(Session session, MimeMessage message, String user, String password)
            throws Exception {
        message.saveChanges();
        byte[] bytes = bytes(message);
        try (Transport t = session.getTransport("smtp")) {
            if (user == null) {
                t.connect();
            } else {
                t.connect(user, password);
            }
            t.sendMessage(message, message.getAllRecipients());
        }
        return bytes;
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private String onlyMessage(String account) throws IOException {
        List<MessageMetadata> inbox = fixture.inbox(account);
        assertThat(inbox).as("INBOX of %s", account).hasSize(1);
        return fixture.content(account, inbox.get(0).uid());
    }

    /** The stored message without its {@code Return-Path:} line and {@code Received:} field, which must lead it. */
    private static String withoutTraceLines(String stored) {
        return stored.substring(traceLength(stored));
    }

    private static int traceLength(String stored) {
        assertThat(stored).startsWith("Return-Path: <");
        int at = stored.indexOf("\r\n") + 2;
        assertThat(stored.substring(at)).startsWith("Received: ");
        // the Received field ends at the first line end not followed by folding white space
        int end = stored.indexOf("\r\n", at);
        while (stored.charAt(end + 2) == ' ' || stored.charAt(end + 2) == '\t') {
            end = stored.indexOf("\r\n", end + 2);
        }
        return end + 2;
    }

    private interface Send {
        void run() throws Exception;
    }

    private static SendFailedException catchSendFailed(Send send) throws Exception {
        try {
            send.run();
        } catch (SendFailedException e) {
            return e;
        }
        throw new AssertionError("expected a SendFailedException");
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses)
                        .map(a -> ((InternetAddress) a).getAddress())
                        .toList();
    }
}
