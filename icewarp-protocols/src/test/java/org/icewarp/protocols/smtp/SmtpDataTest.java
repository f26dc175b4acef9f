package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.icewarp.storage.MessageMetadata;
import org.junit.jupiter.api.Test;

/** Message transfer: pipelining, DATA, BDAT, smuggling attempts, size limits, line-ending policy. */
class SmtpDataTest {

    private static String stored(SmtpFixture f, String account) throws Exception {
        List<MessageMetadata> inbox = f.inbox(account);
        assertThat(inbox).hasSize(1);
        String s = f.content(account, inbox.get(0).uid());
        // strip Return-Path and the (folded) Received header
        int body = s.indexOf("\r\n", s.indexOf(";", s.indexOf("Received:"))) + 2;
        while (s.charAt(body) == ' ' || s.charAt(body) == '\t') {
            body = s.indexOf("\r\n", body) + 2;
        }
        return s.substring(body);
    }

    @Test
    void aPipelinedTransactionIsAnsweredInOrder() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.raw("MAIL FROM:<a@remote.example>\r\nRCPT TO:<john@example.com>\r\nRCPT TO:<nobody@example.com>\r\n"
                    + "RCPT TO:<jane@example.com>\r\nDATA\r\n");
            c.read().expect(250);
            c.read().expect(250);
            c.read().expect(550);
            c.read().expect(250);
            c.read().expect(354);
            c.raw("Subject: p\r\n\r\nx\r\n.\r\nMAIL FROM:<b@remote.example>\r\nRCPT TO:<john@example.com>\r\nRSET\r\n");
            c.read().expect(250);
            c.read().expect(250);
            c.read().expect(250);
            c.read().expect(250);
            assertThat(f.inbox("john@example.com")).hasSize(1);
            assertThat(f.inbox("jane@example.com")).hasSize(1);
        }
    }

    @Test
    void smuggledCommandsAreNotExecuted() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of())) {
            try (SmtpTestClient c = f.connect()) {
                c.command("EHLO client").expect(250);
                c.command("MAIL FROM:<a@remote.example>").expect(250);
                c.command("RCPT TO:<john@example.com>").expect(250);
                c.command("DATA").expect(354);
                c.raw("Subject: one\r\n\r\nfirst\n.\r\nMAIL FROM:<evil@remote.example>\r\n"
                        + "RCPT TO:<jane@example.com>\r\nDATA\r\n\r\nsecond\r\n.\r\n");
                c.read().expect(250);
                c.command("QUIT").expect(221);
            }
            assertThat(f.inbox("jane@example.com")).isEmpty();
            String body = stored(f, "john@example.com");
            assertThat(body)
                    .isEqualTo("Subject: one\r\n\r\nfirst\r\n.\r\nMAIL FROM:<evil@remote.example>\r\n"
                            + "RCPT TO:<jane@example.com>\r\nDATA\r\n\r\nsecond\r\n");
        }
    }

    @Test
    void bareLineEndingsAreRejectedWhenConfiguredAndNothingIsStored() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("bare-line-endings", "reject"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example>").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("DATA").expect(354);
            SmtpTestClient.Reply r = c.command("Subject: x\r\n\r\nbare\nline\r\n.");
            assertThat(r.code() + " " + r.text()).startsWith("554 5.6.0");
            assertThat(f.inbox("john@example.com")).isEmpty();
            // the session goes on
            c.command("MAIL FROM:<a@remote.example>").expect(250);
        }
    }

    @Test
    void bdatChunksPipelinedWithTheEnvelopeMakeOneMessage() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of())) {
            try (SmtpTestClient c = f.connect()) {
                c.command("EHLO client").expect(250);
                String first = "Subject: chunks\r\n\r\n.leading dot stays\r\n";
                String last = "end\r\n";
                c.raw("MAIL FROM:<a@remote.example> BODY=BINARYMIME\r\nRCPT TO:<john@example.com>\r\nBDAT "
                        + first.length() + "\r\n" + first + "BDAT " + last.length() + " LAST\r\n" + last
                        + "NOOP\r\n");
                c.read().expect(250);
                c.read().expect(250);
                assertThat(c.read().expect(250).text()).contains(first.length() + " octets");
                c.read().expect(250);
                c.read().expect(250);
            }
            assertThat(stored(f, "john@example.com")).isEqualTo("Subject: chunks\r\n\r\n.leading dot stays\r\nend\r\n");
        }
    }

    @Test
    void aRefusedBdatStillConsumesItsChunk() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            // no MAIL: the 9 octets "RSET\r\nXY\r" must be read as data, not executed
            c.raw("BDAT 9 LAST\r\nRSET\r\nXY\rNOOP\r\n");
            assertThat(c.read().code()).isEqualTo(503);
            c.read().expect(250);
            c.command("DATA").expect(503);
            c.command("BDAT 0 LAST").expect(503);
        }
    }

    @Test
    void binaryMimeNeedsBdatAndDataAfterBdatIsRefused() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example> BODY=BINARYMIME").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("DATA").expect(503);
            c.raw("BDAT 3\r\nabc");
            c.read().expect(250);
            c.command("DATA").expect(503);
            c.command("BDAT 0 LAST").expect(250);
            assertThat(f.inbox("john@example.com")).hasSize(1);
        }
    }

    @Test
    void anUnparsableBdatSizeClosesTheConnection() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("BDAT ten").expect(501);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void sizeLimitsAreEnforcedAtMailAndAtTheEndOfData() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("max-message-size", "2K"));
                SmtpTestClient c = f.connect()) {
            assertThat(c.command("EHLO client").lines()).contains("SIZE 2048");
            c.command("MAIL FROM:<a@remote.example> SIZE=4096").expect(552);
            c.command("MAIL FROM:<a@remote.example> SIZE=100").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("DATA").expect(354);
            SmtpTestClient.Reply r = c.command("Subject: big\r\n\r\n" + "x".repeat(3000) + "\r\n.");
            assertThat(r.code() + " " + r.text()).startsWith("552 5.3.4");
            assertThat(f.inbox("john@example.com")).isEmpty();
            c.command("MAIL FROM:<a@remote.example>").expect(250);
        }
    }

    @Test
    void aLargeMessageIsStoredByteForByte() throws Exception {
        StringBuilder body = new StringBuilder("Subject: large\r\n\r\n");
        java.util.Random random = new java.util.Random(7);
        while (body.length() < 3_000_000) {
            int n = random.nextInt(120);
            for (int i = 0; i < n; i++) {
                body.append((char) ('!' + random.nextInt(90)));
            }
            body.append("\r\n");
        }
        String content = body.toString();
        String stuffed = content.replace("\r\n.", "\r\n..");
        try (SmtpFixture f = new SmtpFixture(Map.of())) {
            try (SmtpTestClient c = f.connect()) {
                c.command("EHLO client").expect(250);
                c.command("MAIL FROM:<a@remote.example>").expect(250);
                c.command("RCPT TO:<john@example.com>").expect(250);
                c.command("RCPT TO:<jane@example.com>").expect(250);
                c.command("DATA").expect(354);
                c.command(stuffed + ".").expect(250);
            }
            assertThat(stored(f, "john@example.com")).isEqualTo(content);
            assertThat(stored(f, "jane@example.com")).isEqualTo(content);
        }
    }
}
