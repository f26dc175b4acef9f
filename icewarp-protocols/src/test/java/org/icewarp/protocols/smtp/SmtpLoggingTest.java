package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The activity log: one summary line per transaction; the dialogue at debug without AUTH payloads. */
class SmtpLoggingTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("icewarp.log.smtp");
        logger.setLevel(Level.TRACE);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void summaryHasOneLinePerTransactionAndNoDialogue() throws Exception {
        try (SmtpFixture f = new SmtpFixture(Map.of("logging", "summary"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("MAIL FROM:<a@remote.example>").expect(250);
            c.command("RCPT TO:<john@example.com>").expect(250);
            c.command("RCPT TO:<jane@example.com>").expect(250);
            c.command("DATA").expect(354);
            c.command("Subject: x\r\n\r\nhello\r\n.").expect(250);
            c.command("QUIT").expect(221);
        }
        List<String> lines = lines();
        assertThat(lines)
                .anyMatch(l -> l.contains("from=<a@remote.example> to=<john@example.com>,<jane@example.com> size=21")
                        && l.endsWith("result=250"));
        assertThat(lines).noneMatch(l -> l.contains("< EHLO"));
    }

    @Test
    void debugShowsTheDialogueButNeverAnAuthPayload() throws Exception {
        String secret =
                Base64.getEncoder().encodeToString("\0john@example.com\0secret-john".getBytes(StandardCharsets.UTF_8));
        try (SmtpFixture f = new SmtpFixture(Map.of("logging", "debug"));
                SmtpTestClient c = f.connect()) {
            c.command("EHLO client").expect(250);
            c.command("STARTTLS").expect(220);
            c.startTls();
            c.command("EHLO client").expect(250);
            c.command("AUTH PLAIN " + secret).expect(235);
            c.command("AUTH LOGIN").expect(503);
            c.command("QUIT").expect(221);
        }
        List<String> lines = lines();
        assertThat(lines).anyMatch(l -> l.contains("< EHLO client"));
        assertThat(lines).anyMatch(l -> l.contains("< AUTH PLAIN (initial response)"));
        assertThat(lines).anyMatch(l -> l.contains("authenticated as john@example.com with PLAIN"));
        assertThat(lines).noneMatch(l -> l.contains(secret) || l.contains("secret-john"));
    }
}
