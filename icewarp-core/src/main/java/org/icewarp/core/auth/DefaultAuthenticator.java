package org.icewarp.core.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.icewarp.core.access.AddressSet;
import org.icewarp.core.auth.sasl.AuthAttempt;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.TokenVerdict;
import org.icewarp.core.auth.sasl.TokenVerifier;
import org.icewarp.core.internal.NamedThreadFactory;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Addressee;
import org.icewarp.storage.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock {@link Authenticator}: policy, lookup, login policy, backend chain, log.
 *
 * <p>Bearer tokens take one step more: the token verifier runs first (on the caller's thread, as its contract says it
 * does not block), and the attempt is then decided like any other, with the token's subject as the login and a
 * {@link Evidence.Vouched} (or, for a refused token, the claimed user and a failing check), so that counting, blocks
 * and the log are the same as for passwords.
 */
final class DefaultAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultAuthenticator.class);
    private static final AuthResult INVALID = new AuthResult.Failure(AuthResult.Reason.INVALID_CREDENTIALS);
    private static final AuthResult NOT_ALLOWED = new AuthResult.Failure(AuthResult.Reason.MECHANISM_NOT_ALLOWED);

    private final AccountStore accounts;
    private final AuthPolicy policy;
    private final CredentialService credentials;
    private final List<AuthBackend> chain;
    private final FailureCounter accountFailures;
    private final FailureCounter ipFailures;
    private final AuthLog log;
    private final Executor executor;
    private final ThreadPoolExecutor own;
    private final AddressSet trusted;
    private final SaslSettings sasl;
    private final TokenVerifier tokenVerifier;

    DefaultAuthenticator(Authenticator.Builder b) {
        AuthSettings s = b.settings;
        Clock clock = b.clock;
        this.accounts = b.accounts;
        this.policy = AuthPolicy.of(s);
        this.credentials =
                b.credentials != null ? b.credentials : CredentialService.create(PasswordSettings.defaults());
        List<AuthBackend> c = new ArrayList<>(b.backends);
        if (b.serviceLoader) {
            ServiceLoader.load(AuthBackend.class).forEach(c::add);
        }
        if (b.directory != null) {
            c.add(AuthBackend.directoryBind(b.directory));
        }
        c.add(AuthBackend.localStore(credentials));
        this.chain = List.copyOf(c);
        this.accountFailures = new FailureCounter(
                clock, s.maxAccountFailures(), s.failureWindow(), s.blockDuration(), s.trackedKeys());
        this.ipFailures =
                new FailureCounter(clock, s.maxIpFailures(), s.failureWindow(), s.blockDuration(), s.trackedKeys());
        this.log = new AuthLog(s.logLevel(), clock);
        this.trusted = b.trusted;
        this.sasl = b.sasl;
        this.tokenVerifier = chooseVerifier(b, clock);
        if (b.executor != null) {
            this.executor = b.executor;
            this.own = null;
        } else {
            this.own = new ThreadPoolExecutor(
                    s.threads(),
                    s.threads(),
                    30,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(s.queue()),
                    new NamedThreadFactory("icewarp-auth"));
            own.allowCoreThreadTimeOut(true);
            this.executor = own;
        }
    }

    private static TokenVerifier chooseVerifier(Authenticator.Builder b, Clock clock) {
        Optional<SaslSettings.OAuth> oauth = b.sasl.oauth();
        if (oauth.isEmpty()) {
            return b.verifiers.isEmpty() ? null : b.verifiers.get(0);
        }
        String id = oauth.get().verifier();
        for (TokenVerifier v : b.verifiers) {
            if (id.equals(v.id())) {
                return v;
            }
        }
        if (id.equals(SaslSettings.OAuth.JWT)) {
            return TokenVerifier.jwt(oauth.get(), clock);
        }
        if (b.serviceLoader) {
            for (TokenVerifier v : ServiceLoader.load(TokenVerifier.class)) {
                if (id.equals(v.id())) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("oauth.verifier: no token verifier with id '" + id + "'");
    }

    @Override
    public CompletionStage<AuthResult> authenticate(AuthRequest request) {
        Objects.requireNonNull(request, "request");
        if (!policy.isAllowed(request.mechanism(), request.service(), request.tls())) {
            log.result(request, false, request.login());
            return CompletableFuture.completedFuture(NOT_ALLOWED);
        }
        if (request.evidence() instanceof Evidence.Token token) {
            return authenticateToken(request, token);
        }
        return submit(request);
    }

    private CompletionStage<AuthResult> authenticateToken(AuthRequest r, Evidence.Token t) {
        if (tokenVerifier == null) {
            return submit(refusedToken(r, "no token verifier configured"));
        }
        AuthAttempt attempt =
                new AuthAttempt(r.mechanism().name(), r.service(), new InetSocketAddress(r.remote(), 0), r.tls());
        CompletionStage<TokenVerdict> stage;
        try {
            stage = Objects.requireNonNull(
                    tokenVerifier.verify(t.token(), t.kind(), t.claimedUser(), attempt), "verifier stage");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.handle((verdict, error) -> {
                    if (error != null || verdict == null) {
                        LOG.warn(
                                "token verifier {} failed for a {} login from {}; answered with a temporary failure",
                                tokenVerifier.id(),
                                r.service(),
                                r.remote().getHostAddress(),
                                error);
                        log.result(r, false, r.login());
                        return CompletableFuture.<AuthResult>completedFuture(
                                new AuthResult.TemporaryFailure("token verifier " + tokenVerifier.id() + " failed"));
                    }
                    if (verdict instanceof TokenVerdict.Valid valid) {
                        return submit(new AuthRequest(
                                r.service(),
                                r.remote(),
                                r.session(),
                                r.tls(),
                                valid.account(),
                                r.mechanism(),
                                new Evidence.Vouched("bearer token")));
                    }
                    return submit(refusedToken(r, "refused bearer token"));
                })
                .thenCompose(x -> x);
    }

    /** A refused token as an attempt that fails, for the claimed user, so that it is counted and logged. */
    private static AuthRequest refusedToken(AuthRequest r, String what) {
        return new AuthRequest(
                r.service(),
                r.remote(),
                r.session(),
                r.tls(),
                r.login(),
                r.mechanism(),
                new Evidence.Check(what, s -> false));
    }

    private CompletionStage<AuthResult> submit(AuthRequest request) {
        try {
            return CompletableFuture.supplyAsync(() -> decideGuarded(request), executor);
        } catch (RejectedExecutionException e) {
            LOG.warn(
                    "authentication executor full; {} login from {} answered with a temporary failure",
                    request.service(),
                    request.remote().getHostAddress());
            log.result(request, false, request.login());
            return CompletableFuture.completedFuture(new AuthResult.TemporaryFailure("too many logins in progress"));
        }
    }

    private AuthResult decideGuarded(AuthRequest r) {
        try {
            return decide(r);
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} login from {} failed temporarily",
                    r.service(),
                    r.remote().getHostAddress(),
                    e);
            log.result(r, false, r.login());
            return new AuthResult.TemporaryFailure(e.toString());
        }
    }

    private AuthResult decide(AuthRequest r) {
        Optional<Account> account = resolve(r.login());
        String user = account.map(a -> a.address().toString()).orElseGet(r::login);
        String accountKey = account.map(a -> a.address().toString()).orElseGet(() -> AuthPolicy.unknownKey(r.login()));
        String ip = r.remote().getHostAddress();

        boolean trustedIp = trusted.contains(r.remote());
        boolean accountBlocked = accountFailures.isBlocked(accountKey);
        if (accountBlocked || !trustedIp && ipFailures.isBlocked(ip)) {
            // the same answer and about the same cost as a wrong password
            if (r.evidence() instanceof Evidence.Password p) {
                credentials.verifyUnknown(p.value());
            }
            log.refusedBlocked(r, accountBlocked ? "user" : "ip", accountBlocked ? user : ip);
            log.result(r, false, r.login());
            return INVALID;
        }

        AuthBackend.Verdict verdict = AuthBackend.Verdict.decline();
        if (r.evidence() instanceof Evidence.Vouched) {
            // proven by the KDC or the token issuer: the account only has to exist and be enabled
            verdict = account.filter(a -> a.state() == AccountState.ENABLED)
                    .<AuthBackend.Verdict>map(a -> new AuthBackend.Verdict.Accept(a, false))
                    .orElseGet(AuthBackend.Verdict.Reject::new);
        }
        for (AuthBackend backend : verdict instanceof AuthBackend.Verdict.Decline ? chain : List.<AuthBackend>of()) {
            verdict = ask(backend, r, account);
            if (!(verdict instanceof AuthBackend.Verdict.Decline)) {
                break;
            }
        }
        if (verdict instanceof AuthBackend.Verdict.Decline
                && account.isPresent()
                && account.get().directory().owned()) {
            LOG.warn(
                    "no authentication backend takes directory-owned account {} (source '{}'); configure a"
                            + " directory bind",
                    account.get().address(),
                    account.get().directory().sourceId());
            verdict = new AuthBackend.Verdict.Unavailable("no backend for directory-owned accounts");
        }
        if (verdict instanceof AuthBackend.Verdict.Accept a) {
            Account result = a.account();
            if (a.upgraded()) {
                writeBack(result);
            }
            if (accountFailures.clear(accountKey)) {
                log.cleared(r, user);
            }
            log.result(r, true, result.address().toString());
            return new AuthResult.Success(result);
        }
        if (verdict instanceof AuthBackend.Verdict.Unavailable u) {
            log.result(r, false, r.login());
            return new AuthResult.TemporaryFailure(u.detail());
        }
        // a refused token without a claimed user names nobody: only its address is counted
        int n = r.login().isBlank() ? 0 : accountFailures.fail(accountKey);
        if (n > 0) {
            log.increased(r, n, user);
            if (accountFailures.blocksAt(n)) {
                log.blocked(r, "user", user, accountFailures.block());
            }
        }
        // trusted addresses are exempt from IP counting and IP blocks (the account is still counted)
        int m = trustedIp ? 0 : ipFailures.fail(ip);
        if (ipFailures.blocksAt(m)) {
            log.blocked(r, "ip", ip, ipFailures.block());
        }
        log.result(r, false, r.login());
        return INVALID;
    }

    private Optional<Account> resolve(String login) {
        Optional<EmailAddress> address = policy.loginAddress(login);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<Addressee> found = accounts.lookup(address.get());
        return found.filter(Account.class::isInstance).map(Account.class::cast);
    }

    private static AuthBackend.Verdict ask(AuthBackend backend, AuthRequest r, Optional<Account> account) {
        try {
            return java.util.Objects.requireNonNull(backend.check(r, account), "verdict");
        } catch (RuntimeException e) {
            LOG.warn(
                    "authentication backend {} failed for a {} login; answered with a temporary failure",
                    backend,
                    r.service(),
                    e);
            return new AuthBackend.Verdict.Unavailable(backend + " failed: " + e);
        }
    }

    private void writeBack(Account upgraded) {
        try {
            accounts.updateAccount(upgraded);
        } catch (RuntimeException e) {
            // the login stands; the records are upgraded at a later login
            LOG.warn("could not write upgraded credential records of {}", upgraded.address(), e);
        }
    }

    @Override
    public CompletionStage<Optional<StoredCredentials>> storedCredentials(String login) {
        java.util.Objects.requireNonNull(login, "login");
        try {
            return CompletableFuture.supplyAsync(
                    () -> resolve(login)
                            .filter(a ->
                                    !a.directory().owned() && a.state() == org.icewarp.storage.AccountState.ENABLED)
                            .map(credentials::stored),
                    executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CredentialService credentials() {
        return credentials;
    }

    @Override
    public AuthPolicy policy() {
        return policy;
    }

    @Override
    public ActivityLog log() {
        return log.activityLog();
    }

    @Override
    public SaslSettings configuredSasl() {
        return sasl;
    }

    @Override
    public Optional<TokenVerifier> tokenVerifier() {
        return Optional.ofNullable(tokenVerifier);
    }

    @Override
    public boolean unblock(String login) {
        Objects.requireNonNull(login, "login");
        String key = resolve(login).map(a -> a.address().toString()).orElseGet(() -> AuthPolicy.unknownKey(login));
        boolean had = accountFailures.forget(key);
        if (had) {
            log.unblocked("user", key);
        }
        return had;
    }

    @Override
    public boolean unblock(InetAddress ip) {
        Objects.requireNonNull(ip, "ip");
        String key = ip.getHostAddress();
        boolean had = ipFailures.forget(key);
        if (had) {
            log.unblocked("ip", key);
        }
        return had;
    }

    @Override
    public void close() {
        if (own != null) {
            own.shutdown();
        }
    }

    @Override
    public String toString() {
        return "Authenticator" + chain;
    }
}
