package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failed-login counting, lock-out and the authentication log lines in the seed's shape. */
class LoginPolicyTest {
    private static final AuthResult INVALID = new AuthResult.Failure(AuthResult.Reason.INVALID_CREDENTIALS);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T17:31:40.920Z"));
    private final AccountStore store = Fixtures.store("t.com");
    private final CredentialService credentials = CredentialService.create(Fixtures.fast());
    private final Fixtures.LogCapture log = new Fixtures.LogCapture();
    private Authenticator auth;

    private Authenticator authenticator(AuthSettings.Builder settings) {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        auth = Authenticator.builder(store)
                .settings(settings.build())
                .credentials(credentials)
                .clock(clock)
                .serviceLoader(false)
                .executor(Runnable::run)
                .build();
        return auth;
    }

    private AuthResult login(String ip, String session, String login, String password) {
        return auth.authenticate(Fixtures.plain(ip, session, login, password))
                .toCompletableFuture()
                .join();
    }

    @AfterEach
    void close() {
        log.close();
        if (auth != null) {
            auth.close();
        }
    }

    @Test
    void linesHaveTheSeedsExactShape() {
        authenticator(AuthSettings.builder().logLevel(LogLevel.DEBUG));
        assertThat(login("194.188.6.143", "21E4", "b@t.com", "wrong")).isEqualTo(INVALID);
        clock.advance(Duration.ofMinutes(3).plusSeconds(2).plusMillis(977));
        assertThat(login("194.188.6.143", "1D14", "b@t.com", "right").succeeded())
                .isTrue();
        assertThat(log.lines())
                .containsExactly(
                        "194.188.6.143 [21E4] 17:31:40:920 Login policy [IMAP] - increased failed login count to 1,"
                                + " user=b@t.com",
                        "194.188.6.143 [21E4] 17:31:40:920 Authentication [IMAP] - Result=0, User=b@t.com, Method=0",
                        "194.188.6.143 [1D14] 17:34:43:897 Login policy [IMAP] - cleared failed login count,"
                                + " user=b@t.com",
                        "194.188.6.143 [1D14] 17:34:43:897 Authentication [IMAP] - Result=1, User=b@t.com, Method=0");
    }

    @Test
    void aFailedLoginNamesTheUserAsTypedAndASuccessfulOneTheFullAddress() {
        authenticator(AuthSettings.builder()
                .logLevel(LogLevel.DEBUG)
                .loginWithEmail(false)
                .primaryDomain("t.com")
                .maxAccountFailures(0));
        login("194.188.6.143", "1D14", "b", "wrong");
        login("194.188.6.143", "1D14", "b", "right");
        assertThat(log.lines())
                .containsExactly(
                        "194.188.6.143 [1D14] 17:31:40:920 Authentication [IMAP] - Result=0, User=b, Method=0",
                        "194.188.6.143 [1D14] 17:31:40:920 Authentication [IMAP] - Result=1, User=b@t.com, Method=0");
    }

    @Test
    void summaryWritesPolicyLinesAndFailuresButNotSuccesses() {
        authenticator(AuthSettings.builder().logLevel(LogLevel.SUMMARY));
        login("192.0.2.1", "1", "b@t.com", "right");
        assertThat(log.lines()).isEmpty();
        login("192.0.2.1", "2", "b@t.com", "wrong");
        assertThat(log.lines()).hasSize(2).allMatch(l -> l.contains("increased") || l.contains("Result=0"));
        auth.log().setLevel(LogLevel.NONE);
        log.clear();
        login("192.0.2.1", "3", "b@t.com", "wrong");
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void newMechanismsAreLoggedWithTheirOwnMethodNumber() {
        authenticator(AuthSettings.builder());
        auth.authenticate(new AuthRequest(
                        "smtp",
                        Fixtures.ip("2001:db8::1"),
                        "7",
                        false,
                        "x@t.com",
                        Mechanism.SCRAM_SHA_256,
                        new Evidence.Check("SCRAM proof", stored -> false)))
                .toCompletableFuture()
                .join();
        assertThat(log.lines())
                .contains("2001:db8:0:0:0:0:0:1 [7] 17:31:40:920 Authentication [SMTP] - Result=0, User=x@t.com,"
                        + " Method=9");
    }

    @Test
    void anAccountIsBlockedAfterNFailuresAndAnsweredLikeAWrongPasswordUntilMMinutesPass() {
        authenticator(AuthSettings.builder()
                .maxAccountFailures(3)
                .maxIpFailures(0)
                .failureWindow(Duration.ofMinutes(10))
                .blockDuration(Duration.ofMinutes(30)));
        for (int i = 0; i < 3; i++) {
            assertThat(login("192.0.2." + i, "s", "b@t.com", "wrong")).isEqualTo(INVALID);
        }
        assertThat(log.lines())
                .contains(
                        "192.0.2.2 [s] 17:31:40:920 Login policy [IMAP] - increased failed login count to 3, user=b@t.com",
                        "192.0.2.2 [s] 17:31:40:920 Login policy [IMAP] - blocked for 30 minutes, user=b@t.com");
        // blocked: even the right password gets the wrong-password answer, from any address
        assertThat(login("198.51.100.7", "s", "b@t.com", "right")).isEqualTo(INVALID);
        clock.advance(Duration.ofMinutes(29));
        assertThat(login("198.51.100.7", "s", "b@t.com", "right")).isEqualTo(INVALID);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login("198.51.100.7", "s", "b@t.com", "right").succeeded()).isTrue();
    }

    @Test
    void anUnknownUserIsCountedAndBlockedLikeAKnownOne() {
        authenticator(AuthSettings.builder().maxAccountFailures(2).maxIpFailures(0));
        login("192.0.2.1", "s", "Nobody@t.com", "x");
        login("192.0.2.1", "s", "nobody@t.com", "x");
        assertThat(log.lines())
                .contains(
                        "192.0.2.1 [s] 17:31:40:920 Login policy [IMAP] - increased failed login count to 2,"
                                + " user=nobody@t.com",
                        "192.0.2.1 [s] 17:31:40:920 Login policy [IMAP] - blocked for 30 minutes, user=nobody@t.com");
    }

    @Test
    void failuresOutsideTheWindowStartANewCount() {
        authenticator(AuthSettings.builder().maxAccountFailures(3).failureWindow(Duration.ofMinutes(10)));
        login("192.0.2.1", "s", "b@t.com", "wrong");
        login("192.0.2.1", "s", "b@t.com", "wrong");
        clock.advance(Duration.ofMinutes(11));
        log.clear();
        login("192.0.2.1", "s", "b@t.com", "wrong");
        assertThat(log.lines()).anyMatch(l -> l.endsWith("increased failed login count to 1, user=b@t.com"));
        assertThat(login("192.0.2.1", "s", "b@t.com", "right").succeeded()).isTrue();
    }

    @Test
    void successClearsTheAccountsCount() {
        authenticator(AuthSettings.builder().maxAccountFailures(3).maxIpFailures(0));
        login("192.0.2.1", "s", "b@t.com", "wrong");
        login("192.0.2.1", "s", "b@t.com", "wrong");
        assertThat(login("192.0.2.1", "s", "b@t.com", "right").succeeded()).isTrue();
        login("192.0.2.1", "s", "b@t.com", "wrong");
        login("192.0.2.1", "s", "b@t.com", "wrong");
        // two failures after the clear: not yet blocked
        assertThat(login("192.0.2.1", "s", "b@t.com", "right").succeeded()).isTrue();
        assertThat(log.lines())
                .filteredOn(l -> l.contains("cleared failed login count"))
                .hasSize(2);
    }

    @Test
    void anAddressIsBlockedAfterNFailuresAcrossAccounts() {
        authenticator(AuthSettings.builder().maxAccountFailures(0).maxIpFailures(4));
        for (int i = 0; i < 4; i++) {
            assertThat(login("203.0.113.9", "s", "user" + i + "@t.com", "x")).isEqualTo(INVALID);
        }
        assertThat(log.lines())
                .contains("203.0.113.9 [s] 17:31:40:920 Login policy [IMAP] - blocked for 30 minutes, ip=203.0.113.9");
        assertThat(login("203.0.113.9", "s", "b@t.com", "right")).isEqualTo(INVALID);
        assertThat(login("203.0.113.10", "s", "b@t.com", "right").succeeded()).isTrue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(login("203.0.113.9", "s", "b@t.com", "right").succeeded()).isTrue();
    }

    @Test
    void theCountersStayWithinTheirBound() {
        FailureCounter c = new FailureCounter(clock, 5, Duration.ofMinutes(10), Duration.ofMinutes(30), 100);
        for (int i = 0; i < 10_000; i++) {
            c.fail("user" + i);
        }
        assertThat(c.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void controlCharactersInALoginCannotForgeLogLines() {
        authenticator(AuthSettings.builder().maxAccountFailures(0));
        login("192.0.2.1", "s", "evil\r\n192.0.2.1 [s] fake", "x");
        assertThat(log.lines()).allMatch(l -> !l.contains("\n") && !l.contains("\r"));
    }
}
