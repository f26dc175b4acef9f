package org.icewarp.core.auth.sasl;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Everything a SASL exchange asks of the account store. The authenticator implements it; mechanisms never see the
 * store itself.
 *
 * <p>Only {@link #verifyPassword} is mandatory. The other methods have defaults that make the mechanisms needing them
 * fail with wrong credentials, so a backend grows capabilities one method at a time.
 *
 * <p>Threading: every method returns at once and completes its stage later, on any thread (typically the kernel's
 * blocking executor). A stage completed exceptionally is an infrastructure failure and becomes a temporary failure
 * for the client. Methods may be called concurrently for different exchanges.
 *
 * <p>Secrets: passwords, secrets and tokens passed in or returned are never logged by the exchanges; implementations
 * must not log them either.
 */
public interface SaslBackend {

    /**
     * Checks a clear-text password ({@code PLAIN}, {@code LOGIN}). The backend applies its login policy (failed-attempt
     * counting, lock-out) here.
     *
     * @param authcid the user name the client typed (not SASLprep'ed; the backend decides how to match it)
     * @param password the password as the client sent it
     * @param attempt where the attempt comes from
     * @return the verification
     */
    CompletionStage<Verification> verifyPassword(String authcid, String password, AuthAttempt attempt);

    /**
     * Returns the RFC 5802 credentials of a user for {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}. A backend that keeps
     * only clear or reversible passwords can compute them with {@link ScramCredentials#derive}.
     *
     * @param authcid the user name from the client's first message (already SASLprep'ed and unescaped)
     * @param mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}
     * @param attempt where the attempt comes from
     * @return the credentials, or empty when the user is unknown or has none for this mechanism
     */
    default CompletionStage<Optional<ScramCredentials>> scramCredentials(
            String authcid, String mechanism, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Has the last word on an exchange that checked the client's proof itself, against credentials from {@link
     * #scramCredentials} or {@link #reversibleSecret} (SCRAM, CRAM-MD5, DIGEST-MD5, NTLM). Called once per such attempt,
     * right or wrong, unknown user included, so that the backend applies the same login policy and writes the same log
     * as in {@link #verifyPassword}: a blocked account is rejected even with a right proof, and a wrong proof counts as
     * a failure.
     *
     * @param authcid the user name the credentials were asked for
     * @param account the canonical account name of those credentials (the user name itself for an unknown user)
     * @param proofMatched whether the client's proof matched (always false for an unknown user)
     * @param attempt where the attempt comes from
     * @return the verification; the default accepts {@code account} exactly when the proof matched
     */
    default CompletionStage<Verification> concludeProof(
            String authcid, String account, boolean proofMatched, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(
                proofMatched ? Verification.accepted(account) : Verification.rejected());
    }

    /**
     * Returns the clear password of a user for the challenge-response mechanisms that need it ({@code CRAM-MD5},
     * {@code DIGEST-MD5}, {@code NTLM}). Asked only when the operator enabled reversible passwords
     * ({@link SaslSettings#reversiblePasswords()}); otherwise those mechanisms are never advertised. The exchange
     * {@linkplain ReversibleSecret#clear() clears} the returned secret once it is done with it.
     *
     * @param authcid the user name from the client's message
     * @param attempt where the attempt comes from
     * @return the account and its password, or empty when the user is unknown or has no reversible password
     */
    default CompletionStage<Optional<ReversibleSecret>> reversibleSecret(String authcid, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Checks an OAuth 2.0 bearer token ({@code OAUTHBEARER}, {@code XOAUTH2}), usually by delegating to a
     * {@link TokenVerifier}.
     *
     * @param token the bearer token; a secret
     * @param kind the mechanism that carried it
     * @param claimedUser the user the client named, or an empty string
     * @param attempt where the attempt comes from
     * @return the verdict; the default refuses every token
     */
    default CompletionStage<TokenVerdict> verifyToken(
            String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(TokenVerdict.Invalid.invalidToken());
    }

    /**
     * Maps an authenticated Kerberos principal ({@code GSSAPI}) to an account.
     *
     * @param principal the client's principal, for example {@code john@EXAMPLE.COM}
     * @param attempt where the attempt comes from
     * @return the canonical account name, or empty when the principal has no account (wrong credentials); the default
     *     maps none
     */
    default CompletionStage<Optional<String>> resolvePrincipal(String principal, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Decides whether an authenticated account may act as another authorization identity (the {@code authzid} of
     * PLAIN, SCRAM, DIGEST-MD5, GSSAPI, OAUTHBEARER): administrators, shared mailboxes. Not asked when the client sent
     * no authorization identity or the same one as the account.
     *
     * @param account the authenticated canonical account
     * @param authzid the identity requested by the client
     * @param attempt where the attempt comes from
     * @return true to allow; the default allows only the account itself, ignoring case
     */
    default CompletionStage<Boolean> mayActAs(String account, String authzid, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(account.equalsIgnoreCase(authzid));
    }
}
