package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The IMAP activity log: the dialogue at debug, never a password or a SASL payload. */
class ImapLoggingTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("icewarp.log.imap");
        logger.setLevel(Level.TRACE);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    @Test
    void theDebugDialogueHidesCredentialsAndAuthenticationPayloads() throws Exception {
        String plain = Base64.getEncoder().encodeToString("\0jane@example.com\0secret-jane".getBytes());
        try (ImapFixture fixture = new ImapFixture(Map.of("logging", "debug"));
                ImapTestClient c = fixture.john()) {
            c.command("a1 SELECT INBOX").expectOk();
            try (ImapTestClient d = fixture.connect()) {
                d.command("s STARTTLS").expectOk();
                d.startTls();
                d.raw("b1 AUTHENTICATE PLAIN\r\n");
                assertThat(d.line()).startsWith("+");
                d.raw(plain + "\r\n");
                d.response("b1").expectOk();
            }
        }
        List<String> lines =
                appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(l -> l.contains("< a1 SELECT INBOX"));
        assertThat(lines).anyMatch(l -> l.contains("< l0 LOGIN (credentials)"));
        assertThat(lines).anyMatch(l -> l.contains("authenticated as john@example.com"));
        assertThat(lines).anyMatch(l -> l.contains("authenticated as jane@example.com"));
        assertThat(lines).noneMatch(l -> l.contains("secret-john") || l.contains("secret-jane") || l.contains(plain));
    }
}
