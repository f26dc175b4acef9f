package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.icewarp.storage.PageRequest;
import org.junit.jupiter.api.Test;

/** STARTTLS (with the injection defence), AUTH over TLS, submission rules and the sender check. */
class SmtpTlsAuthTest {

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandsPipelinedBehindStarttlsAreDiscardedAndTheSessionStartsAgain() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.raw("STARTTLS\r\nRSET\r\nMAIL FROM:<injected@remote.example>\r\n");
            assertThat(c.read().expect(220).text()).startsWith("2.0.0");
            c.startTls();
            // had RSET or MAIL run, their replies would come first
            assertThat(c.command("NOOP").expect(250).text()).isEqualTo("2.0.0 OK");
            // the greeting was forgotten (RFC 3207 section 4.2)
            c.command("MAIL FROM:<a@remote.example>").expect(503);
            SmtpTestClient.Reply ehlo = c.command("EHLO client").expect(250);
            assertThat(ehlo.lines()).doesNotContain("STARTTLS");
            assertThat(ehlo.lines()).anyMatch(l -> l.startsWith("AUTH ") && l.contains("PLAIN") && l.contains("LOGIN"));
            c.command("STARTTLS").expect(454);
        }
    }

    @Test
    void plainAuthenticationIsRefusedInTheClearWith538() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            SmtpTestClient.Reply r = c.command("AUTH PLAIN " + plain("john@example.com", "secret-john"));
            assertThat(r.code() + " " + r.text()).startsWith("538 5.7.11");
            c.command("AUTH NOSUCH").expect(504);
        }
    }

    @Test
    void authPlainAndLoginOverTlsAndTheFailureLimit() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("STARTTLS").expect(220);
            c.startTls();
            c.command("EHLO client").expect(250);
            assertThat(c.command("AUTH PLAIN " + plain("john@example.com", "wrong"))
                            .code())
                    .isEqualTo(535);
            c.command("AUTH LOGIN").expect(334);
            c.command(b64("john@example.com")).expect(334);
            c.command("*").expect(501);
            assertThat(c.command("AUTH PLAIN").expect(334).text()).isEmpty();
            SmtpTestClient.Reply ok = c.command(plain("john@example.com", "secret-john"));
            assertThat(ok.code() + " " + ok.text()).startsWith("235 2.7.0");
            c.command("AUTH PLAIN " + plain("john@example.com", "secret-john")).expect(503);
            // authenticated: relaying is allowed
            c.command("MAIL FROM:<john@example.com>").expect(250);
            c.command("RCPT TO:<someone@remote.example>").expect(250);
        }
    }

    @Test
    void threeWrongPasswordsEndTheSession() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of());
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("STARTTLS").expect(220);
            c.startTls();
            c.command("EHLO client").expect(250);
            c.command("AUTH PLAIN " + plain("john@example.com", "a")).expect(535);
            c.command("AUTH PLAIN " + plain("john@example.com", "b")).expect(535);
            c.command("AUTH PLAIN " + plain("john@example.com", "c")).expect(535);
            c.read().expect(421);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void submissionNeedsAuthenticationBeforeMailThenQueuesRemoteMail() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("submission-only", "true"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            SmtpTestClient.Reply r = c.command("MAIL FROM:<john@example.com>");
            assertThat(r.code() + " " + r.text()).startsWith("530 5.7.0");
            c.command("STARTTLS").expect(220);
            c.startTls();
            c.command("EHLO client").expect(250);
            c.command("AUTH PLAIN " + plain("john@example.com", "secret-john")).expect(235);
            c.command("MAIL FROM:<john@example.com>").expect(250);
            c.command("RCPT TO:<friend@remote.example>").expect(250);
            c.command("DATA").expect(354);
            c.command("Subject: hi\r\n\r\nhello\r\n.").expect(250);
            assertThat(f.server.queue().list(PageRequest.first(5)).items()).hasSize(1);
        }
    }

    @Test
    void anAuthenticatedUserMaySendOnlyAsItsOwnAddressWhenConfigured() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("sender-must-be-owned", "true"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("STARTTLS").expect(220);
            c.startTls();
            c.command("EHLO client").expect(250);
            c.command("AUTH PLAIN " + plain("john@example.com", "secret-john")).expect(235);
            SmtpTestClient.Reply r = c.command("MAIL FROM:<jane@example.com>");
            assertThat(r.code() + " " + r.text()).startsWith("553 5.7.1");
            c.command("MAIL FROM:<John@Example.com>").expect(250);
        }
    }
}
