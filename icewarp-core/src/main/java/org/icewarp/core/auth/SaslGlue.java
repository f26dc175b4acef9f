package org.icewarp.core.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.AuthAttempt;
import org.icewarp.core.auth.sasl.ReversibleSecret;
import org.icewarp.core.auth.sasl.SaslBackend;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.ScramCredentials;
import org.icewarp.core.auth.sasl.TokenKind;
import org.icewarp.core.auth.sasl.TokenVerdict;
import org.icewarp.core.auth.sasl.Verification;

/**
 * The {@link SaslBackend} of an {@link Authenticator}, for one protocol session. Every decision goes through {@link
 * Authenticator#authenticate}, so SASL logins see the same policy check, login policy (lock-out counting, blocked
 * answered like a wrong password) and authentication log line as every other login:
 *
 * <ul>
 *   <li>PLAIN, LOGIN: an {@link Evidence.Password}; an unknown user spends a dummy hash like a wrong password.
 *   <li>SCRAM: the salt and iteration count come from {@link Authenticator#storedCredentials}, or from {@link
 *       CredentialService#decoyScramKeys} (configured iteration count, stable salt) when the user is unknown or has
 *       no SCRAM record; the exchange checks the proof and {@link #concludeProof} hands its verdict to the
 *       authenticator as an {@link Evidence.Check}.
 *   <li>CRAM-MD5, DIGEST-MD5, NTLM: the reversible record ({@link StoredCredentials#reversibleSecret()}), then the
 *       same {@link #concludeProof}.
 *   <li>OAUTHBEARER, XOAUTH2: an {@link Evidence.Token}; the authenticator's token verifier checks it and its subject
 *       must be an existing, enabled account. A refusal is {@code invalid_token} whatever the reason (no oracle), a
 *       temporary failure completes the stage exceptionally (the exchange answers TEMPORARY).
 *   <li>GSSAPI: the principal the JDK's acceptor authenticated, {@code user@REALM}, becomes the login {@code
 *       user@<domain>} ({@link SaslSettings.Gssapi#domainOf}: the realm map, else the realm in lower case) and goes in
 *       as an {@link Evidence.Vouched}; a principal with an instance ({@code user/admin@REALM}) or without a realm is
 *       refused (and counted).
 * </ul>
 */
final class SaslGlue implements SaslBackend {
    private final Authenticator authenticator;
    private final String service;
    private final String session;

    SaslGlue(Authenticator authenticator, String service, String session) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.service = Objects.requireNonNull(service, "service");
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public CompletionStage<Verification> verifyPassword(String authcid, String password, AuthAttempt attempt) {
        return decide(attempt, authcid, Evidence.password(password));
    }

    @Override
    public CompletionStage<Optional<ScramCredentials>> scramCredentials(
            String authcid, String mechanism, AuthAttempt attempt) {
        return authenticator.storedCredentials(authcid).thenApply(found -> {
            Optional<ScramCredentials> real = found.flatMap(stored -> stored.scram(mechanism)
                    .map(k -> credentials(stored.account().address().toString(), k)));
            // A decoy, not empty: its iteration count is the configured one, so the server-first message looks the
            // same for every user (RFC 5802 section 9); its random keys match no proof.
            return real.or(() ->
                    Optional.of(credentials(authcid, authenticator.credentials().decoyScramKeys(mechanism, authcid))));
        });
    }

    @Override
    public CompletionStage<Optional<ReversibleSecret>> reversibleSecret(String authcid, AuthAttempt attempt) {
        return authenticator
                .storedCredentials(authcid)
                .thenApply(found -> found.flatMap(stored -> stored.reversibleSecret()
                        .map(pw ->
                                new ReversibleSecret(stored.account().address().toString(), pw.toCharArray()))));
    }

    @Override
    public CompletionStage<Verification> concludeProof(
            String authcid, String account, boolean proofMatched, AuthAttempt attempt) {
        String what = attempt.mechanism() + " proof";
        return decide(attempt, authcid, new Evidence.Check(what, stored -> proofMatched));
    }

    @Override
    public CompletionStage<TokenVerdict> verifyToken(
            String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
        return authenticator
                .authenticate(request(attempt, claimedUser, new Evidence.Token(token, kind, claimedUser)))
                .thenCompose(result -> {
                    if (result instanceof AuthResult.Success s) {
                        return CompletableFuture.completedFuture(
                                new TokenVerdict.Valid(s.account().address().toString()));
                    }
                    if (result instanceof AuthResult.TemporaryFailure t) {
                        return CompletableFuture.failedFuture(new IllegalStateException(t.detail()));
                    }
                    return CompletableFuture.completedFuture(TokenVerdict.Invalid.invalidToken());
                });
    }

    @Override
    public CompletionStage<Optional<String>> resolvePrincipal(String principal, AuthAttempt attempt) {
        Optional<String> login = principalLogin(principal, authenticator.configuredSasl());
        Evidence evidence = login.isPresent()
                ? new Evidence.Vouched("kerberos")
                : new Evidence.Check("kerberos principal", s -> false);
        return authenticator
                .authenticate(request(attempt, login.orElse(principal), evidence))
                .thenCompose(result -> {
                    if (result instanceof AuthResult.Success s) {
                        return CompletableFuture.completedFuture(
                                Optional.of(s.account().address().toString()));
                    }
                    if (result instanceof AuthResult.TemporaryFailure t) {
                        return CompletableFuture.failedFuture(new IllegalStateException(t.detail()));
                    }
                    return CompletableFuture.completedFuture(Optional.empty());
                });
    }

    /**
     * The login a Kerberos principal stands for: {@code user@REALM} → {@code user@<domain of REALM>}; an enterprise
     * principal whose name is already an address ({@code john@example.com@REALM}) → that address. Empty for a
     * principal with an instance ({@code user/host@REALM}: a service, not a mailbox) or without a realm.
     */
    static Optional<String> principalLogin(String principal, SaslSettings sasl) {
        int at = principal.lastIndexOf('@');
        if (at <= 0 || at == principal.length() - 1) {
            return Optional.empty();
        }
        String user = principal.substring(0, at);
        String realm = principal.substring(at + 1);
        if (user.indexOf('/') >= 0) {
            return Optional.empty();
        }
        if (user.indexOf('@') >= 0) {
            return Optional.of(user);
        }
        String domain = sasl.gssapi().map(g -> g.domainOf(realm)).orElseGet(() -> realm.toLowerCase(Locale.ROOT));
        return Optional.of(user + "@" + domain);
    }

    private CompletionStage<Verification> decide(AuthAttempt attempt, String login, Evidence evidence) {
        return authenticator.authenticate(request(attempt, login, evidence)).thenApply(SaslGlue::verification);
    }

    private AuthRequest request(AuthAttempt attempt, String login, Evidence evidence) {
        return new AuthRequest(
                service,
                attempt.remote().getAddress(),
                session,
                attempt.tls(),
                login,
                mechanism(attempt.mechanism()),
                evidence);
    }

    private static Verification verification(AuthResult result) {
        if (result instanceof AuthResult.Success s) {
            return Verification.accepted(s.account().address().toString());
        }
        if (result instanceof AuthResult.TemporaryFailure t) {
            return Verification.unavailable(t.detail());
        }
        return Verification.rejected();
    }

    private static ScramCredentials credentials(String account, ScramKeys keys) {
        return new ScramCredentials(account, keys.salt(), keys.iterations(), keys.storedKey(), keys.serverKey());
    }

    /** The log's method number; a plug-in mechanism the log does not know is written as a non-plain method 0. */
    static Mechanism mechanism(String name) {
        try {
            return Mechanism.named(name);
        } catch (IllegalArgumentException e) {
            return new Mechanism(name, 0, false);
        }
    }

    @Override
    public String toString() {
        return "SaslBackend[" + authenticator + ", " + service + ", " + session + "]";
    }
}
