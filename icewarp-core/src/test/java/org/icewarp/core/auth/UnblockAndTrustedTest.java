package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.icewarp.core.access.AddressSet;
import org.icewarp.core.access.Patterns;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The administrative unblock and the trusted addresses' exemption from IP lock-out, with the injected clock. */
class UnblockAndTrustedTest {
    private static final AuthResult INVALID = new AuthResult.Failure(AuthResult.Reason.INVALID_CREDENTIALS);
    private static final String ATTACKER = "198.51.100.66";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T17:31:40.920Z"));
    private final AccountStore store = Fixtures.store("t.com");
    private final CredentialService credentials = CredentialService.create(Fixtures.fast());
    private final Fixtures.LogCapture log = new Fixtures.LogCapture();
    private Authenticator auth;

    private Authenticator authenticator(AuthSettings settings, String trusted) {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        for (int i = 0; i < 10; i++) {
            store.createAccount(credentials.withPassword(Account.of("u" + i + "@t.com"), "right"));
        }
        auth = Authenticator.builder(store)
                .settings(settings)
                .credentials(credentials)
                .trusted(AddressSet.parse(trusted, Patterns.empty()))
                .clock(clock)
                .serviceLoader(false)
                .executor(Runnable::run)
                .build();
        return auth;
    }

    private AuthResult login(String ip, String login, String password) {
        return auth.authenticate(Fixtures.plain(ip, "1", login, password))
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
    void unblockingAnAccountLetsItLogInBeforeTheBlockEnds() {
        authenticator(AuthSettings.builder().maxAccountFailures(3).build(), "");
        for (int i = 0; i < 3; i++) {
            login(ATTACKER, "b@t.com", "wrong");
        }
        assertThat(login("192.0.2.1", "b@t.com", "right")).isEqualTo(INVALID);
        clock.advance(Duration.ofMinutes(1));

        assertThat(auth.unblock("B@t.com")).isTrue();

        assertThat(login("192.0.2.1", "b@t.com", "right").succeeded()).isTrue();
        assertThat(log.lines()).contains("17:32:40:920 Login policy - unblocked by administrator, user=b@t.com");
        assertThat(auth.unblock("b@t.com")).as("nothing left to unblock").isFalse();
    }

    @Test
    void unblockingAnAccountAlsoForgetsItsCountedFailures() {
        authenticator(AuthSettings.builder().maxAccountFailures(3).build(), "");
        login(ATTACKER, "b@t.com", "wrong");
        login(ATTACKER, "b@t.com", "wrong");
        auth.unblock("b@t.com");
        log.clear();
        login(ATTACKER, "b@t.com", "wrong");
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("increased failed login count to 1"));
    }

    @Test
    void unblockingAnAddressLetsItLogInBeforeTheBlockEnds() {
        authenticator(AuthSettings.builder().maxIpFailures(3).build(), "");
        for (int i = 0; i < 3; i++) {
            login(ATTACKER, "u" + i + "@t.com", "wrong");
        }
        assertThat(login(ATTACKER, "b@t.com", "right")).isEqualTo(INVALID);

        assertThat(auth.unblock(Fixtures.ip(ATTACKER))).isTrue();

        assertThat(login(ATTACKER, "b@t.com", "right").succeeded()).isTrue();
        assertThat(log.lines())
                .anySatisfy(l -> assertThat(l).endsWith("Login policy - unblocked by administrator, ip=" + ATTACKER));
        assertThat(auth.unblock(Fixtures.ip("192.0.2.200"))).isFalse();
    }

    @Test
    void aBlockEndsByItselfAfterTheBlockDurationWithoutAnUnblock() {
        authenticator(
                AuthSettings.builder()
                        .maxIpFailures(3)
                        .blockDuration(Duration.ofMinutes(30))
                        .build(),
                "");
        for (int i = 0; i < 3; i++) {
            login(ATTACKER, "u" + i + "@t.com", "wrong");
        }
        clock.advance(Duration.ofMinutes(29));
        assertThat(login(ATTACKER, "b@t.com", "right")).isEqualTo(INVALID);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(ATTACKER, "b@t.com", "right").succeeded()).isTrue();
    }

    @Test
    void aTrustedAddressIsNeverBlockedAsAnAddress() {
        authenticator(AuthSettings.builder().maxIpFailures(3).build(), "192.0.2.0/24");
        for (int i = 0; i < 10; i++) {
            assertThat(login("192.0.2.10", "u" + i + "@t.com", "wrong")).isEqualTo(INVALID);
        }
        assertThat(login("192.0.2.10", "b@t.com", "right").succeeded()).isTrue();
        assertThat(log.lines()).noneSatisfy(l -> assertThat(l).contains("ip=192.0.2.10"));
        // an untrusted address with the same failures is blocked
        for (int i = 0; i < 3; i++) {
            login(ATTACKER, "u" + i + "@t.com", "wrong");
        }
        assertThat(login(ATTACKER, "b@t.com", "right")).isEqualTo(INVALID);
    }

    @Test
    void anAccountIsStillBlockedWhenItsFailuresComeFromATrustedAddress() {
        authenticator(AuthSettings.builder().maxAccountFailures(3).build(), "192.0.2.0/24");
        for (int i = 0; i < 3; i++) {
            login("192.0.2.10", "b@t.com", "wrong");
        }
        assertThat(login("192.0.2.10", "b@t.com", "right")).isEqualTo(INVALID);
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("blocked for 30 minutes, user=b@t.com"));
    }
}
