package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Credential;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chain, the mechanism policy, login names, write-back of upgraded records and guarded backends. */
class AuthenticatorTest {
    private static final AuthResult INVALID = new AuthResult.Failure(AuthResult.Reason.INVALID_CREDENTIALS);
    private static final AuthResult NOT_ALLOWED = new AuthResult.Failure(AuthResult.Reason.MECHANISM_NOT_ALLOWED);

    private final AccountStore store = Fixtures.store("t.com", "u.org");
    private final CredentialService credentials = CredentialService.create(Fixtures.fast());
    private Authenticator auth;

    private Authenticator build(AuthSettings settings, AuthBackend... backends) {
        Authenticator.Builder b = Authenticator.builder(store)
                .settings(settings)
                .credentials(credentials)
                .serviceLoader(false)
                .executor(Runnable::run);
        for (AuthBackend backend : backends) {
            b.backend(backend);
        }
        auth = b.build();
        return auth;
    }

    private AuthResult run(AuthRequest r) {
        return auth.authenticate(r).toCompletableFuture().join();
    }

    @AfterEach
    void close() {
        if (auth != null) {
            auth.close();
        }
    }

    @Test
    void plainTextNeedsTlsUnlessAllowedAndIsRefusedEverywhereWhenDisabled() {
        AuthPolicy strict = AuthPolicy.of(AuthSettings.defaults());
        assertThat(strict.isAllowed(Mechanism.PLAIN, "imap", true)).isTrue();
        assertThat(strict.isAllowed(Mechanism.PLAIN, "imap", false)).isFalse();
        assertThat(strict.isAllowed(Mechanism.LOGIN, "smtp", false)).isFalse();
        assertThat(strict.isAllowed(Mechanism.USER, "pop3", false)).isFalse();
        assertThat(strict.isAllowed(Mechanism.CRAM_MD5, "imap", false)).isTrue();
        assertThat(strict.isAllowed(Mechanism.SCRAM_SHA_256, "imap", false)).isTrue();

        AuthPolicy lax =
                AuthPolicy.of(AuthSettings.builder().plainWithoutTls(true).build());
        assertThat(lax.isAllowed(Mechanism.PLAIN, "imap", false)).isTrue();

        AuthPolicy disabled = AuthPolicy.of(
                AuthSettings.builder().plainWithoutTls(true).disablePlain(true).build());
        for (Mechanism m : List.of(Mechanism.PLAIN, Mechanism.LOGIN, Mechanism.USER)) {
            assertThat(disabled.isAllowed(m, "imap", true)).as(m.name()).isFalse();
        }
        assertThat(disabled.isAllowed(Mechanism.SCRAM_SHA_1, "imap", false)).isTrue();
    }

    @Test
    void theAuthenticatorEnforcesThePolicyBeforeLookingAtThePassword() {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        build(AuthSettings.defaults());
        AuthRequest clear =
                AuthRequest.password("pop3", Fixtures.ip("192.0.2.1"), "1", false, "b@t.com", Mechanism.USER, "right");
        assertThat(run(clear)).isEqualTo(NOT_ALLOWED);
        AuthRequest overTls =
                AuthRequest.password("pop3", Fixtures.ip("192.0.2.1"), "1", true, "b@t.com", Mechanism.USER, "right");
        assertThat(run(overTls).succeeded()).isTrue();
    }

    @Test
    void aLocalAccountLogsInWithItsPasswordOrAnAliasAndNotWithAnotherOne() {
        Account b = credentials.withPassword(Account.of("b@t.com"), "right");
        store.createAccount(b.withAliases(java.util.Set.of(EmailAddress.parse("bee@t.com"))));
        build(AuthSettings.defaults());
        AuthResult ok = run(Fixtures.plain("192.0.2.1", "1", "B@T.com", "right"));
        assertThat(ok)
                .isInstanceOfSatisfying(
                        AuthResult.Success.class,
                        s -> assertThat(s.account().address()).hasToString("b@t.com"));
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "bee@t.com", "right")).succeeded())
                .isTrue();
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "wrong"))).isEqualTo(INVALID);
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "nobody@t.com", "right")))
                .isEqualTo(INVALID);
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "not an address", "right")))
                .isEqualTo(INVALID);
    }

    @Test
    void bareLoginsNeedThePolicyAndAreTakenInThePrimaryDomain() {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        build(AuthSettings.defaults());
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b", "right"))).isEqualTo(INVALID);
        auth.close();
        build(AuthSettings.builder()
                .loginWithEmail(false)
                .primaryDomain("t.com")
                .build());
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b", "right")).succeeded())
                .isTrue();
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right")).succeeded())
                .isTrue();
    }

    @Test
    void disabledAccountsAndGroupsDoNotLogIn() {
        store.createAccount(
                credentials.withPassword(Account.of("off@t.com"), "right").withState(AccountState.DISABLED));
        store.createGroup(new Group(
                EmailAddress.parse("all@t.com"), java.util.Set.of(), null, org.icewarp.storage.DirectoryIdentity.NONE));
        build(AuthSettings.defaults());
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "off@t.com", "right"))).isEqualTo(INVALID);
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "all@t.com", "right"))).isEqualTo(INVALID);
    }

    @Test
    void outdatedRecordsAreRewrittenAtTheNextSuccessfulLogin() {
        CredentialService old = CredentialService.create(
                Fixtures.fast().toBuilder().argon2MemoryKib(32).build());
        store.createAccount(old.withPassword(Account.of("b@t.com"), "right"));
        build(AuthSettings.defaults());
        run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "wrong"));
        assertThat(hash("b@t.com")).startsWith("$argon2id$v=19$m=32,");
        AuthResult ok = run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right"));
        assertThat(hash("b@t.com")).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(((AuthResult.Success) ok).account())
                .isEqualTo(store.findAccount(EmailAddress.parse("b@t.com")).orElseThrow());
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right")).succeeded())
                .isTrue();
    }

    @Test
    void aMechanismsOwnCheckRunsAgainstTheStoredRecords() {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "pencil"));
        build(AuthSettings.defaults());
        Evidence.Check scram = new Evidence.Check(
                "SCRAM-SHA-256 proof",
                stored -> stored.scram("SCRAM-SHA-256")
                        .map(k -> java.security.MessageDigest.isEqual(
                                k.storedKey(),
                                Scram.derive(Scram.SHA_256, "pencil", k.salt(), k.iterations())
                                        .orElseThrow()
                                        .storedKey()))
                        .orElse(false));
        AuthRequest r = new AuthRequest(
                "imap", Fixtures.ip("192.0.2.1"), "1", false, "b@t.com", Mechanism.SCRAM_SHA_256, scram);
        assertThat(run(r).succeeded()).isTrue();
        AuthRequest wrong = new AuthRequest(
                "imap",
                Fixtures.ip("192.0.2.1"),
                "1",
                false,
                "b@t.com",
                Mechanism.SCRAM_SHA_256,
                new Evidence.Check("bad proof", stored -> false));
        assertThat(run(wrong)).isEqualTo(INVALID);
    }

    @Test
    void aUsersBackendIsAskedFirstAndItsFailureIsTemporary() {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        AuthBackend tokens = (r, account) ->
                r.evidence() instanceof Evidence.Password p && p.value().equals("token")
                        ? new AuthBackend.Verdict.Accept(account.orElseThrow(), false)
                        : AuthBackend.Verdict.decline();
        build(AuthSettings.defaults(), tokens);
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "token")).succeeded())
                .isTrue();
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right")).succeeded())
                .isTrue();
        auth.close();

        AuthBackend broken = (r, account) -> {
            throw new IllegalStateException("bug");
        };
        build(AuthSettings.defaults(), broken);
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right")))
                .isInstanceOf(AuthResult.TemporaryFailure.class);
    }

    @Test
    void aFailingStoreIsATemporaryFailure() {
        store.close();
        build(AuthSettings.defaults());
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right")))
                .isInstanceOf(AuthResult.TemporaryFailure.class);
    }

    @Test
    void aFullExecutorIsATemporaryFailureAndNeverBlocksTheCaller() throws Exception {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        CountDownLatch release = new CountDownLatch(1);
        AuthBackend stuck = (r, a) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AuthBackend.Verdict.decline();
        };
        ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1));
        try {
            auth = Authenticator.builder(store)
                    .credentials(credentials)
                    .serviceLoader(false)
                    .backend(stuck)
                    .executor(one)
                    .build();
            var first = auth.authenticate(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right"));
            var second = auth.authenticate(Fixtures.plain("192.0.2.1", "2", "b@t.com", "right"));
            var third = auth.authenticate(Fixtures.plain("192.0.2.1", "3", "b@t.com", "right"));
            assertThat(third.toCompletableFuture().join()).isInstanceOf(AuthResult.TemporaryFailure.class);
            release.countDown();
            assertThat(first.toCompletableFuture().join().succeeded()).isTrue();
            assertThat(second.toCompletableFuture().join().succeeded()).isTrue();
        } finally {
            release.countDown();
            one.shutdown();
        }
    }

    @Test
    void mechanismsReadStoredRecordsBeforeTheProofAndGetDecoysForUnknownUsers() {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "pencil"));
        build(AuthSettings.defaults());
        ScramKeys real = auth.storedCredentials("b@t.com")
                .toCompletableFuture()
                .join()
                .orElseThrow()
                .scram("SCRAM-SHA-256")
                .orElseThrow();
        assertThat(real.iterations()).isEqualTo(16);
        assertThat(auth.storedCredentials("nobody@t.com").toCompletableFuture().join())
                .isEmpty();

        ScramKeys decoy = auth.credentials().decoyScramKeys("SCRAM-SHA-256", "nobody@t.com");
        assertThat(decoy.iterations()).isEqualTo(real.iterations());
        assertThat(decoy.salt()).hasSameSizeAs(real.salt());
        assertThat(auth.credentials()
                        .decoyScramKeys("SCRAM-SHA-256", "Nobody@t.com")
                        .salt())
                .as("the same salt every time, so that asking twice reveals nothing")
                .isEqualTo(decoy.salt());
        assertThat(auth.credentials()
                        .decoyScramKeys("SCRAM-SHA-256", "other@t.com")
                        .salt())
                .isNotEqualTo(decoy.salt());
    }

    @Test
    void backendsOnTheClassPathAreFoundThroughTheServiceLoader() {
        store.createAccount(credentials.withPassword(Account.of("b@t.com"), "right"));
        auth = Authenticator.builder(store)
                .credentials(credentials)
                .executor(Runnable::run)
                .build();
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", LoadedBackend.PASSWORD))
                        .succeeded())
                .isTrue();
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", "right")).succeeded())
                .isTrue();
        auth.close();
        build(AuthSettings.defaults()); // serviceLoader(false)
        assertThat(run(Fixtures.plain("192.0.2.1", "1", "b@t.com", LoadedBackend.PASSWORD)))
                .isEqualTo(INVALID);
    }

    private String hash(String address) {
        return store.findAccount(EmailAddress.parse(address)).orElseThrow().credentials().stream()
                .filter(c -> c.scheme().equals(CredentialService.PASSWORD))
                .map(Credential::value)
                .findFirst()
                .orElseThrow();
    }
}
