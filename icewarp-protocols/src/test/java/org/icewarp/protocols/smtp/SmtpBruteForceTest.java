package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.protocols.smtp.SmtpSaslServer.HOST;
import static org.icewarp.protocols.smtp.SmtpSaslServer.JOHN;
import static org.icewarp.protocols.smtp.SmtpSaslServer.JOHN_PASSWORD;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing over SMTP AUTH against the kernel's login policy, over several connections from one address, as an
 * attacker would run it: the account is blocked after the configured number of failures (default 5 within 10 minutes,
 * for 30 minutes), the SMTP session itself ends after 3 failures ({@code max-auth-failures}), and a blocked account
 * refuses even the right password with the same {@code 535 5.7.8} as a wrong one (no oracle; RFC 4954 section 6 has no
 * "locked" reply, and {@code 454 4.7.0} would both tell the attacker and invite a retry). The authentication log is
 * read against the seed's examples; no password or SASL message appears in any log at any level.
 */
class SmtpBruteForceTest {
    /** {@code <ip> [<session>] <HH:mm:ss:SSS> <text>} as in the seed's examples. */
    private static final Pattern SEED_LINE =
            Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}) \\[([0-9A-Z]+)] (\\d{2}:\\d{2}:\\d{2}:\\d{3}) (.*)");

    private final SmtpSaslLogs logs = new SmtpSaslLogs();
    private final SmtpSaslWire wire = new SmtpSaslWire();
    private final List<String> secrets = new ArrayList<>(List.of(JOHN_PASSWORD, "secret-jane"));

    @AfterEach
    void noSecretInAnyLog() {
        try {
            List<String> all = new ArrayList<>(secrets);
            all.addAll(wire.payloads());
            logs.assertNoneContains(all);
        } finally {
            logs.close();
        }
    }

    private SmtpTestClient.Reply plain(SmtpTestClient c, String user, String password) throws Exception {
        secrets.add(password);
        return wire.authenticate(c, SmtpSaslWire.jdkClient("PLAIN", HOST, user, password), true);
    }

    private static String codeAndText(SmtpTestClient.Reply r) {
        return r.code() + " " + r.text();
    }

    /** Three wrong passwords on one connection: each is refused, then the session ends with 421. */
    private void threeWrongOnOneConnection(SmtpSaslServer s, String user, String prefix) throws Exception {
        try (SmtpTestClient c = s.connectTls()) {
            for (int i = 1; i <= 3; i++) {
                assertThat(codeAndText(plain(c, user, prefix + i))).startsWith("535 5.7.8");
            }
            c.read().expect(421);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    /** The auth log with the head checked and taken off: {@code [session] text}. */
    private List<String> authLogTails() {
        List<String> tails = new ArrayList<>();
        for (String line : logs.auth()) {
            Matcher m = SEED_LINE.matcher(line);
            assertThat(m.matches()).as("seed shape: %s", line).isTrue();
            assertThat(m.group(1)).isEqualTo("127.0.0.1");
            tails.add("[" + m.group(2) + "] " + m.group(4));
        }
        return tails;
    }

    private static String session(String tail) {
        return tail.substring(1, tail.indexOf(']'));
    }

    @Test
    void repeatedWrongPasswordsBlockTheAccountAndThenEvenTheRightPasswordIsRefusedLikeAWrongOne() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start()) {
            threeWrongOnOneConnection(s, JOHN, "guess-");
            try (SmtpTestClient c = s.connectTls()) {
                assertThat(codeAndText(plain(c, JOHN, "guess-4"))).startsWith("535 5.7.8");
                // the fifth failure blocks the account
                assertThat(codeAndText(plain(c, JOHN, "guess-5"))).startsWith("535 5.7.8");
                SmtpTestClient.Reply blocked = plain(c, JOHN, JOHN_PASSWORD);
                assertThat(codeAndText(blocked))
                        .as("a blocked account answers exactly like a wrong password")
                        .startsWith("535 5.7.8 Authentication credentials invalid");
                c.read().expect(421);
            }
            try (SmtpTestClient c = s.connectTls()) {
                assertThat(codeAndText(plain(c, JOHN, JOHN_PASSWORD))).startsWith("535 5.7.8");
                // the block holds whatever the mechanism
                assertThat(codeAndText(wire.authenticate(
                                c, new SmtpSaslScramClient("SCRAM-SHA-256", JOHN, JOHN_PASSWORD), true)))
                        .startsWith("535 5.7.8");
            }
            try (SmtpTestClient c = s.connectTls()) {
                // the account is blocked, not the address: another user logs in from the same IP
                assertThat(codeAndText(plain(c, "jane@example.com", "secret-jane")))
                        .startsWith("235 2.7.0");
            }
        }
        List<String> tails = authLogTails();
        assertThat(tails).hasSize(18);
        String first = "[" + session(tails.get(0)) + "] ";
        String second = "[" + session(tails.get(6)) + "] ";
        String third = "[" + session(tails.get(13)) + "] ";
        String fourth = "[" + session(tails.get(17)) + "] ";
        assertThat(Set.of(first, second, third, fourth))
                .as("one session per connection")
                .hasSize(4);
        String user = ", user=" + JOHN;
        String increased = "Login policy [SMTP] - increased failed login count to ";
        String refused = "Login policy [SMTP] - login refused while blocked" + user;
        String failed = "Authentication [SMTP] - Result=0, User=" + JOHN + ", Method=";
        assertThat(tails)
                .containsExactly(
                        first + increased + 1 + user,
                        first + failed + 0,
                        first + increased + 2 + user,
                        first + failed + 0,
                        first + increased + 3 + user,
                        first + failed + 0,
                        second + increased + 4 + user,
                        second + failed + 0,
                        second + increased + 5 + user,
                        second + "Login policy [SMTP] - blocked for 30 minutes" + user,
                        second + failed + 0,
                        second + refused,
                        second + failed + 0,
                        third + refused,
                        third + failed + 0,
                        third + refused,
                        third + failed + 9,
                        fourth + "Authentication [SMTP] - Result=1, User=jane@example.com, Method=0");
        assertThat(tails).noneMatch(t -> t.contains("cleared failed login count"));
        // the SMTP log shows the refusals and never the AUTH payloads
        assertThat(logs.smtp())
                .anySatisfy(l -> assertThat(l).endsWith("< AUTH PLAIN (initial response)"))
                .anySatisfy(l -> assertThat(l).endsWith("> 535 5.7.8 Authentication credentials invalid"));
    }

    @Test
    void aSuccessfulLoginClearsTheCountSoLaterFailuresStartAgainFromOne() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start()) {
            try (SmtpTestClient c = s.connectTls()) {
                plain(c, JOHN, "guess-1").expect(535);
                plain(c, JOHN, "guess-2").expect(535);
                plain(c, JOHN, JOHN_PASSWORD).expect(235);
            }
            threeWrongOnOneConnection(s, JOHN, "again-");
            try (SmtpTestClient c = s.connectTls()) {
                plain(c, JOHN, "again-4").expect(535);
                // four failures since the success: below the limit of five
                plain(c, JOHN, JOHN_PASSWORD).expect(235);
            }
        }
        List<String> texts = authLogTails().stream()
                .map(t -> t.substring(t.indexOf(']') + 2))
                .toList();
        assertThat(texts)
                .containsSubsequence(
                        "Login policy [SMTP] - increased failed login count to 2, user=" + JOHN,
                        "Login policy [SMTP] - cleared failed login count, user=" + JOHN,
                        "Authentication [SMTP] - Result=1, User=" + JOHN + ", Method=0",
                        "Login policy [SMTP] - increased failed login count to 1, user=" + JOHN,
                        "Login policy [SMTP] - increased failed login count to 4, user=" + JOHN,
                        "Login policy [SMTP] - cleared failed login count, user=" + JOHN,
                        "Authentication [SMTP] - Result=1, User=" + JOHN + ", Method=0")
                .noneMatch(t -> t.contains("blocked"));
    }

    @Test
    void aFailureLogsTheLoginAsTypedAndASuccessTheFullAddressAsTheSeedSays() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options()
                .auth(a -> a.loginWithEmail(false).primaryDomain("example.com"))
                .start()) {
            try (SmtpTestClient c = s.connectTls()) {
                plain(c, "john", "guess-1").expect(535);
                plain(c, "john", JOHN_PASSWORD).expect(235);
            }
        }
        List<String> tails = authLogTails();
        String session = "[" + session(tails.get(0)) + "] ";
        assertThat(tails)
                .containsExactly(
                        session + "Login policy [SMTP] - increased failed login count to 1, user=" + JOHN,
                        session + "Authentication [SMTP] - Result=0, User=john, Method=0",
                        session + "Login policy [SMTP] - cleared failed login count, user=" + JOHN,
                        session + "Authentication [SMTP] - Result=1, User=" + JOHN + ", Method=0");
    }

    @Test
    void guessingManyUsersFromOneAddressBlocksTheAddress() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options()
                .auth(a -> a.maxIpFailures(4).maxAccountFailures(0))
                .start()) {
            Set<String> sessions = new LinkedHashSet<>();
            for (int round = 0; round < 2; round++) {
                try (SmtpTestClient c = s.connectTls()) {
                    plain(c, "user" + round + "a@example.com", "guess").expect(535);
                    plain(c, "user" + round + "b@example.com", "guess").expect(535);
                }
            }
            try (SmtpTestClient c = s.connectTls()) {
                SmtpTestClient.Reply r = plain(c, "jane@example.com", "secret-jane");
                assertThat(codeAndText(r)).startsWith("535 5.7.8");
            }
            for (String t : authLogTails()) {
                sessions.add(session(t));
            }
            assertThat(sessions).hasSize(3);
        }
        List<String> texts = authLogTails().stream()
                .map(t -> t.substring(t.indexOf(']') + 2))
                .toList();
        assertThat(texts)
                .contains(
                        "Login policy [SMTP] - blocked for 30 minutes, ip=127.0.0.1",
                        "Login policy [SMTP] - login refused while blocked, ip=127.0.0.1",
                        // a failure names the login as typed, which need not exist
                        "Authentication [SMTP] - Result=0, User=user0a@example.com, Method=0",
                        "Authentication [SMTP] - Result=0, User=jane@example.com, Method=0")
                .noneMatch(t -> t.contains("Result=1"));
    }
}
