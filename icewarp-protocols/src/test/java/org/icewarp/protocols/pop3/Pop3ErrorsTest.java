package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error path: states, arguments, message numbers, limits and the idle timeout. */
class Pop3ErrorsTest {

    @Test
    void commandsOutOfStateAreRefused() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of());
                Pop3TestClient c = f.connect()) {
            assertThat(c.command("STAT")).isEqualTo("-ERR STAT needs a login first");
            assertThat(c.command("RETR 1")).isEqualTo("-ERR RETR needs a login first");
            assertThat(c.command("PASS secret-john")).isEqualTo("-ERR send USER first");
            assertThat(c.command("FOO")).isEqualTo("-ERR Unknown command");
            assertThat(c.command("")).isEqualTo("-ERR Unknown command");
            c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
            assertThat(c.command("USER john")).isEqualTo("-ERR USER is not allowed after login");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("-ERR AUTH is not allowed after login");
            assertThat(c.command("STLS")).isEqualTo("-ERR STLS is not allowed after login");
            assertThat(c.command("APOP a b")).isEqualTo("-ERR APOP is not allowed after login");
        }
    }

    @Test
    void badArgumentsAndMessageNumbersAreRefused() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of())) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("only"));
            try (Pop3TestClient c = f.connect()) {
                assertThat(c.command("USER")).isEqualTo("-ERR Syntax: USER name");
                assertThat(c.command("USER a b")).isEqualTo("-ERR Syntax: USER name");
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                assertThat(c.command("STAT x")).isEqualTo("-ERR Syntax: STAT");
                assertThat(c.command("LIST 0")).isEqualTo("-ERR No such message");
                assertThat(c.command("LIST 2")).isEqualTo("-ERR No such message");
                assertThat(c.command("LIST -1")).isEqualTo("-ERR No such message");
                assertThat(c.command("LIST abc")).isEqualTo("-ERR No such message");
                assertThat(c.command("LIST 99999999999")).isEqualTo("-ERR No such message");
                assertThat(c.command("LIST 1 2")).isEqualTo("-ERR Syntax: LIST [msg]");
                assertThat(c.command("LIST  1")).isEqualTo("-ERR Syntax: LIST [msg]");
                assertThat(c.command("RETR")).isEqualTo("-ERR Syntax: RETR msg");
                assertThat(c.command("DELE 1")).isEqualTo("+OK Message 1 deleted");
                assertThat(c.command("DELE 1")).isEqualTo("-ERR Message 1 already deleted");
                assertThat(c.command("RETR 1")).isEqualTo("-ERR Message 1 already deleted");
                assertThat(c.command("LIST 1")).isEqualTo("-ERR Message 1 already deleted");
                assertThat(c.command("UIDL 1")).isEqualTo("-ERR Message 1 already deleted");
                assertThat(c.command("TOP 1 0")).isEqualTo("-ERR Message 1 already deleted");
                assertThat(c.multiLine("LIST")).isEmpty();
                assertThat(c.command("QUIT now")).isEqualTo("-ERR Syntax: QUIT");
            }
        }
    }

    @Test
    void aWrongPasswordAnswersTheAuthCodeAndTheLimitCloses() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of("max-auth-failures", "2"));
                Pop3TestClient c = f.connect()) {
            assertThat(c.login(Pop3Fixture.JOHN, "wrong")).isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(c.login("nobody@example.com", "wrong")).isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(c.closedByServer()).isTrue();
            assertThat(f.counters()).containsEntry("auth-failures", 2L);
        }
    }

    @Test
    void aLineOverTheLimitIsRefusedAndTheSessionContinues() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of("max-line-length", "300"));
                Pop3TestClient c = f.connect()) {
            assertThat(c.command("USER " + "x".repeat(400))).isEqualTo("-ERR Line too long");
            // over the decoder's own limit (the SASL allowance) too: skipped to its end
            assertThat(c.command("NOOP " + "y".repeat(40_000))).isEqualTo("-ERR Line too long");
            c.expectOk(c.command("CAPA"));
            assertThat(c.body()).contains("TOP");
        }
    }

    @Test
    void tooManyErrorsCloseTheConnection() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of("max-errors", "3"));
                Pop3TestClient c = f.connect()) {
            c.raw("A\r\nB\r\nC\r\nD\r\nE\r\n");
            for (int i = 0; i < 3; i++) {
                assertThat(c.readLine()).isEqualTo("-ERR Unknown command");
            }
            assertThat(c.readLine()).isEqualTo("-ERR Unknown command");
            assertThat(c.readLine()).isEqualTo("-ERR pop.example.com Too many errors, closing connection");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleSessionIsLoggedOutWithoutApplyingDeletions() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of("timeouts.idle", "300ms"))) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("stay"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                c.expectOk(c.command("DELE 1"));
                assertThat(c.readLine()).isEqualTo("-ERR pop.example.com Autologout; idle for too long");
                assertThat(c.closedByServer()).isTrue();
            }
            assertThat(f.inbox(Pop3Fixture.JOHN)).hasSize(1);
            assertThat(f.counters()).containsEntry("timeouts", 1L);
        }
    }

    @Test
    void anUnknownOptionOrReplyFailsTheStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Pop3Fixture(Map.of("no-such-option", "1")).close())
                .hasStackTraceContaining("no-such-option");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Pop3Fixture(Map.of("replies.nope", "x")).close())
                .hasStackTraceContaining("replies.nope");
    }

    @Test
    void aReplacedReplyTextIsUsed() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of("replies.greeting", "{host} welcomes you"));
                Pop3TestClient c = new Pop3TestClient(f.port())) {
            assertThat(c.readLine()).isEqualTo("+OK pop.example.com welcomes you");
        }
    }
}
