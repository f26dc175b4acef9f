package org.icewarp.protocols.pop3;

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

/** The activity log: login, counts and logout at summary; the dialogue at debug without passwords. */
class Pop3LoggingTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("icewarp.log.pop3");
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
    void summaryHasLoginAndLogoutWithCountsButNoDialogue() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of("logging", "summary"))) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("a"));
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("b"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                c.multiLine("RETR 1");
                c.expectOk(c.command("DELE 1"));
                c.expectOk(c.command("QUIT"));
            }
        }
        List<String> lines = lines();
        assertThat(lines).anyMatch(l -> l.contains("john@example.com logged in with USER; 2 messages"));
        assertThat(lines).anyMatch(l -> l.contains("john@example.com logged out; 1 retrieved, 1 deleted"));
        assertThat(lines).noneMatch(l -> l.contains("< USER") || l.contains("secret-john"));
    }

    @Test
    void debugShowsTheDialogueButNeverAPasswordOrSaslPayload() throws Exception {
        String payload =
                Base64.getEncoder().encodeToString("\0john@example.com\0secret-john".getBytes(StandardCharsets.UTF_8));
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of("logging", "debug"));
                Pop3TestClient c = f.connect()) {
            c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
            c.expectOk(c.command("QUIT"));
            try (Pop3TestClient d = f.connect()) {
                d.expectOk(d.command("AUTH PLAIN " + payload));
                d.expectOk(d.command("QUIT"));
            }
        }
        List<String> lines = lines();
        assertThat(lines).anyMatch(l -> l.contains("< USER john@example.com"));
        assertThat(lines).anyMatch(l -> l.contains("< PASS ***"));
        assertThat(lines).anyMatch(l -> l.contains("< AUTH PLAIN (initial response)"));
        assertThat(lines).noneMatch(l -> l.contains("secret-john") || l.contains(payload));
    }
}
