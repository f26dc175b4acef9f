package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.icewarp.core.service.ServiceException;
import org.junit.jupiter.api.Test;

/** Hard limits and timeouts, each a named option; and the sequence rules declared in SmtpCommands. */
class SmtpLimitsTest {

    @Test
    void aLineOverTheLimitIsRefusedAndTheSessionContinues() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("max-line-length", "512"));
                SmtpTestClient c = f.connect()) {
            SmtpTestClient.Reply r = c.command("EHLO " + "a".repeat(600));
            assertThat(r.code() + " " + r.text()).startsWith("500 5.5.6");
            c.command("EHLO client").expect(250);
        }
    }

    @Test
    void tooManyUnknownCommandsCloseTheConnection() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("max-unknown-commands", "3"));
                SmtpTestClient c = f.connect()) {
            c.command("XYZZY").expect(500);
            c.command("GET / HTTP/1.0").expect(500);
            SmtpTestClient.Reply r = c.command("PLUGH");
            assertThat(r.code() + " " + r.text()).startsWith("421 4.7.0");
            assertThat(c.closedByServer()).isTrue();
            assertThat(f.smtp.stats().counters()).containsEntry("rejected.syntax", 3L);
        }
    }

    @Test
    void tooManyErrorRepliesCloseTheConnection() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("max-errors", "2"));
                SmtpTestClient c = f.connect()) {
            c.command("MAIL FROM:<a@b.example>").expect(503);
            c.command("RCPT TO:<a@b.example>").expect(503);
            c.command("DATA").expect(503);
            c.read().expect(421);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void commandsWithoutAMessageAreLimitedBeforeAuthentication() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("max-commands-before-auth", "10"));
                SmtpTestClient c = f.connect()) {
            for (int i = 0; i < 10; i++) {
                c.command("NOOP").expect(250);
            }
            c.command("NOOP").expect(421);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void recipientsOverTheLimitGet452() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("max-recipients", "2"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example>").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("RCPT TO:<jane@example.com>").expect(250);
            SmtpTestClient.Reply r = c.command("RCPT TO:<john@example.com>");
            assertThat(r.code() + " " + r.text()).startsWith("452 4.5.3");
        }
    }

    @Test
    void anIdleSessionTimesOutWith421() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("timeouts.command", "300ms"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            SmtpTestClient.Reply r = c.read();
            assertThat(r.code() + " " + r.text()).startsWith("421 4.4.2");
            assertThat(c.closedByServer()).isTrue();
            assertThat(f.smtp.stats().counters()).containsEntry("rejected.timeout", 1L);
        }
    }

    @Test
    void aStalledDataTransferTimesOut() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("timeouts.data", "300ms"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example>").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("DATA").expect(354);
            c.raw("Subject: half\r\n");
            c.read().expect(421);
            assertThat(f.inbox("john@example.com")).isEmpty();
        }
    }

    @Test
    void commandsOutOfOrderGet503() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("MAIL FROM:<a@b.example>").expect(503);
            c.command("HELO client").expect(250);
            c.command("STARTTLS").expect(503);
            c.command("AUTH PLAIN").expect(503);
            c.command("RCPT TO:<john@example.com>").expect(503);
            c.command("MAIL FROM:<a@b.example>").expect(250);
            c.command("MAIL FROM:<a@b.example>").expect(503);
            c.command("DATA").expect(503);
            c.command("RSET extra").expect(501);
            c.command("RSET").expect(250);
            c.command("DATA").expect(503);
            c.command("VRFY john@example.com").expect(252);
            c.command("HELP").expect(214);
            c.command("NOOP anything").expect(250);
        }
    }

    @Test
    void vrfyAnswersOnlyWhenSwitchedOn() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("vrfy", "true"));
                SmtpTestClient c = f.connect()) {
            assertThat(c.command("VRFY <JOHN@example.com>").expect(250).text()).contains("john@example.com");
            c.command("VRFY nobody@example.com").expect(550);
        }
    }

    @Test
    void aBadOptionFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> new SmtpFixture(Map.of("max-line-length", "12")))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("system.services.smtp.options.max-line-length");
        assertThatThrownBy(() -> new SmtpFixture(Map.of("max-lnie-length", "1000")))
                .hasMessageContaining("system.services.smtp.options.max-lnie-length");
        assertThatThrownBy(() -> new SmtpFixture(Map.of("replies.no-such-reply", "x")))
                .hasMessageContaining("replies.no-such-reply");
    }

    @Test
    void replyTextsCanBeReplaced() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("replies.greeting", "{host} welcome, no spam please"))) {
            try (SmtpTestClient c = new SmtpTestClient(f.port())) {
                SmtpTestClient.Reply r = c.read().expect(220);
                assertThat(r.text()).isEqualTo("mx.example.com welcome, no spam please");
            }
        }
    }
}
