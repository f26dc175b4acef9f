package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.icewarp.storage.MessageMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The basic SMTP dialogue over a real socket: greeting, EHLO, one message stored with its trace headers. */
class SmtpConversationTest {
    private SmtpFixture fixture;

    @BeforeEach
    void start() {
        fixture = new SmtpFixture(Map.of());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void ehloListsTheExtensions() throws Exception {
        try (SmtpTestClient c = fixture.connect()) {
            SmtpTestClient.Reply ehlo = c.command("EHLO client.example.org").expect(250);
            assertThat(ehlo.lines().get(0)).isEqualTo("mx.example.com greets client.example.org");
            assertThat(ehlo.lines())
                    .contains(
                            "8BITMIME",
                            "PIPELINING",
                            "ENHANCEDSTATUSCODES",
                            "SMTPUTF8",
                            "CHUNKING",
                            "BINARYMIME",
                            "DSN",
                            "STARTTLS",
                            "SIZE " + (50L << 20));
            // plain-text mechanisms are offered only over TLS by default
            assertThat(ehlo.lines()).noneMatch(l -> l.startsWith("AUTH") && l.contains("PLAIN"));
            c.command("QUIT").expect(221);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aMessageForALocalAccountIsStoredWithTraceHeadersAndIdenticalBody() throws Exception {
        String body = "Subject: hello\r\n\r\nline one\r\n..leading dot\r\nlast line\r\n";
        try (SmtpTestClient c = fixture.connect()) {
            c.command("EHLO client.example.org").expect(250);
            c.command("MAIL FROM:<sender@remote.example>").expect(250);
            c.command("RCPT TO:<John@EXAMPLE.com>").expect(250);
            c.command("DATA").expect(354);
            SmtpTestClient.Reply done = c.command(body + ".").expect(250);
            assertThat(done.text()).startsWith("2.0.0 OK, queued as");
        }
        List<MessageMetadata> inbox = fixture.inbox("john@example.com");
        assertThat(inbox).hasSize(1);
        String stored = fixture.content("john@example.com", inbox.get(0).uid());
        assertThat(stored).startsWith("Return-Path: <sender@remote.example>\r\nReceived: from client.example.org");
        assertThat(stored).contains("by mx.example.com");
        assertThat(stored).endsWith("\r\n" + body.replace("..leading", ".leading"));
        assertThat(fixture.inbox("jane@example.com")).isEmpty();
        assertThat(fixture.smtp.stats().counters()).containsEntry("messages-received", 1L);
    }

    @Test
    void theServiceTypeIsFoundOffByDefaultOnPorts25And587() {
        SmtpServiceFactory factory = new SmtpServiceFactory();
        assertThat(factory.type()).isEqualTo("smtp");
        assertThat(factory.defaultModule()).isEqualTo("smtp");
        assertThat(factory.defaultPorts()).containsExactly(25, 587);
        assertThat(factory.enabledByDefault()).isFalse();
        assertThat(fixture.server.serviceTypes()).contains("smtp");
    }

    @Test
    void helloWithoutANameIsASyntaxError() throws Exception {
        try (SmtpTestClient c = fixture.connect()) {
            assertThat(c.command("EHLO").code()).isEqualTo(501);
            assertThat(c.command("HELO client").expect(250).text()).isEqualTo("mx.example.com greets client");
        }
    }
}
