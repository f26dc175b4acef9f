package org.icewarp.core.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory account store for the SASL tests: accounts {@code name@example.com} reachable also by the local part,
 * clear passwords (so every mechanism can be served), bearer tokens, Kerberos principals, and one administrator who
 * may act as anyone. {@link #failNext()} makes the next call fail like a store that is down.
 */
public final class TestBackend implements SaslBackend {
    public static final String ADMIN = "admin@example.com";

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> principals = new ConcurrentHashMap<>();
    private volatile boolean failNext;
    private volatile CompletableFuture<Verification> pendingPassword;

    public TestBackend user(String account, String password) {
        passwords.put(account, password);
        return this;
    }

    public TestBackend token(String token, String account) {
        tokens.put(token, account);
        return this;
    }

    public TestBackend principal(String principal, String account) {
        principals.put(principal, account);
        return this;
    }

    /** The next backend call completes exceptionally. */
    public void failNext() {
        failNext = true;
    }

    /** The next password check stays pending until the returned future is completed. */
    public CompletableFuture<Verification> holdNextPassword() {
        CompletableFuture<Verification> f = new CompletableFuture<>();
        pendingPassword = f;
        return f;
    }

    private Optional<String> account(String user) {
        String key = user.toLowerCase(Locale.ROOT);
        if (passwords.containsKey(key)) {
            return Optional.of(key);
        }
        String qualified = key + "@example.com";
        return passwords.containsKey(qualified) ? Optional.of(qualified) : Optional.empty();
    }

    private <T> Optional<CompletionStage<T>> failure() {
        if (failNext) {
            failNext = false;
            return Optional.of(CompletableFuture.failedFuture(new IllegalStateException("store down")));
        }
        return Optional.empty();
    }

    @Override
    public CompletionStage<Verification> verifyPassword(String authcid, String password, AuthAttempt attempt) {
        Optional<CompletionStage<Verification>> down = failure();
        if (down.isPresent()) {
            return down.get();
        }
        CompletableFuture<Verification> held = pendingPassword;
        if (held != null) {
            pendingPassword = null;
            return held;
        }
        Optional<String> account = account(authcid);
        boolean ok = account.isPresent()
                && java.security.MessageDigest.isEqual(
                        passwords.get(account.get()).getBytes(StandardCharsets.UTF_8),
                        password.getBytes(StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(ok ? Verification.accepted(account.get()) : Verification.rejected());
    }

    @Override
    public CompletionStage<Optional<ScramCredentials>> scramCredentials(
            String authcid, String mechanism, AuthAttempt attempt) {
        Optional<CompletionStage<Optional<ScramCredentials>>> down = failure();
        if (down.isPresent()) {
            return down.get();
        }
        return CompletableFuture.completedFuture(account(authcid)
                .map(a -> ScramCredentials.derive(
                        mechanism, a, passwords.get(a), ("salt-of-" + a).getBytes(StandardCharsets.UTF_8), 4096)));
    }

    @Override
    public CompletionStage<Optional<ReversibleSecret>> reversibleSecret(String authcid, AuthAttempt attempt) {
        Optional<CompletionStage<Optional<ReversibleSecret>>> down = failure();
        if (down.isPresent()) {
            return down.get();
        }
        return CompletableFuture.completedFuture(account(authcid)
                .map(a -> new ReversibleSecret(a, passwords.get(a).toCharArray())));
    }

    @Override
    public CompletionStage<TokenVerdict> verifyToken(
            String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
        Optional<CompletionStage<TokenVerdict>> down = failure();
        if (down.isPresent()) {
            return down.get();
        }
        String account = tokens.get(token);
        if (account == null) {
            return CompletableFuture.completedFuture(
                    new TokenVerdict.Invalid("invalid_token", "mail", "https://auth.example.com/.well-known/openid"));
        }
        return CompletableFuture.completedFuture(new TokenVerdict.Valid(account));
    }

    @Override
    public CompletionStage<Optional<String>> resolvePrincipal(String principal, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(Optional.ofNullable(principals.get(principal)));
    }

    @Override
    public CompletionStage<Boolean> mayActAs(String account, String authzid, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(account.equals(ADMIN) || account.equalsIgnoreCase(authzid));
    }
}
