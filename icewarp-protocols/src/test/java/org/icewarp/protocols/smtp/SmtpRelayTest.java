package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueuedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Relay control: only authenticated sessions, trusted IPs and {@code relay-from} addresses may send to other domains,
 * and no spelling of an address opens the relay. Every case also checks that nothing reached the queue.
 */
class SmtpRelayTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "<user@remote.example>|554 5.7.1",
                "<user@REMOTE.example>|554 5.7.1",
                "<user%remote.example@example.com>|550 5.1.1",
                "<remote.example!user@example.com>|550 5.1.1",
                "<\"user@remote.example\"@example.com>|550 5.1.1",
                "<@example.com:user@remote.example>|554 5.7.1",
                "<@example.com,@example.com:user@remote.example>|554 5.7.1",
                "<john@example.com.>|501 5.1.3",
                "<john@example..com>|501 5.1.3",
                "<john@[127.0.0.1]>|554 5.7.1",
                "<john@[IPv6:::1]>|554 5.7.1",
                "<john@exämple.com>|553 5.6.7",
                "<john@example.com@remote.example>|501 5.1.3",
                "john@example.com|501 5.1.3",
                "<john@example.com> junk|555 5.5.4",
                "<blocked@example.com>|550 5.7.1",
                "<nobody@example.com>|550 5.1.1",
            })
    void noSpellingOfARemoteAddressIsRelayedForAnAnonymousClient(String path, String expected) throws Exception {
        try (SmtpFixture fixture = new SmtpFixture(Map.of());
                SmtpTestClient c = fixture.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example>").expect(250);
            SmtpTestClient.Reply reply = c.command("RCPT TO:" + path);
            assertThat(reply.code() + " " + reply.text()).startsWith(expected);
            assertThat(fixture.server.queue().list(PageRequest.first(10)).items())
                    .isEmpty();
        }
    }

    @Test
    void unicodeDomainsUnderSmtputf8AreRoutedByTheirALabelAndStillNotRelayed() throws Exception {
        try (SmtpFixture fixture = new SmtpFixture(Map.of());
                SmtpTestClient c = fixture.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example> SMTPUTF8").expect(250);
            c.command("RCPT TO:<jöhn@exämple.com>").expect(554);
            // nameprep maps the full-width letters to ASCII: the domain is local, the local part is unknown
            c.command("RCPT TO:<ｊｏｈｎ@ｅｘａｍｐｌｅ.com>").expect(550);
            c.command("RCPT TO:<john@example.com>").expect(250);
        }
    }

    @Test
    void localRecipientsAreAcceptedFromAnyone() throws Exception {
        try (SmtpFixture fixture = new SmtpFixture(Map.of());
                SmtpTestClient c = fixture.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<>").expect(250);
            c.command("RCPT TO:<JOHN@Example.COM>").expect(250);
            c.command("RCPT TO:<@remote.example:jane@example.com>").expect(250);
            c.command("DATA").expect(354);
            c.command("Subject: bounce\r\n\r\nbody\r\n.").expect(250);
        }
    }

    @Test
    void aRelayFromAddressMayRelayAndTheMessageIsQueuedWithItsDsnParameters() throws Exception {
        try (SmtpFixture fixture = new SmtpFixture(Map.of("relay-from", "127.0.0.0/8"));
                SmtpTestClient c = fixture.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@example.com> RET=HDRS ENVID=abc+2Bdef").expect(250);
            c.command("RCPT TO:<user@remote.example> NOTIFY=FAILURE,DELAY ORCPT=rfc822;user@remote.example")
                    .expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("DATA").expect(354);
            c.command("Subject: out\r\n\r\nbody\r\n.").expect(250);
            var queued = fixture.server.queue().list(PageRequest.first(10)).items();
            assertThat(queued).hasSize(1);
            QueuedMessage m = queued.get(0);
            assertThat(m.envelope().sender()).isEqualTo("a@example.com");
            assertThat(m.envelope().envelopeId()).isEqualTo("abc+def");
            assertThat(m.envelope().returnFull()).isFalse();
            assertThat(m.envelope().recipients()).hasSize(1);
            assertThat(m.envelope().recipients().get(0).address()).isEqualTo("user@remote.example");
            assertThat(m.envelope().recipients().get(0).originalRecipient()).isEqualTo("rfc822;user@remote.example");
            assertThat(fixture.inbox("john@example.com")).hasSize(1);
        }
    }

    @Test
    void aTrustedIpMayRelay() throws Exception {
        try (SmtpFixture fixture = new SmtpFixture(Map.of(), b -> b.trustedIps("127.0.0.1"));
                SmtpTestClient c = fixture.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@example.com>").expect(250);
            c.command("RCPT TO:<user@remote.example>").expect(250);
        }
    }
}
