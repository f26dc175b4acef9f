package org.icewarp.core.auth.sasl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link TokenVerifier} registered for the tests: the token {@code good-token} belongs to jane, nothing else is valid. */
public final class FixedTokenVerifier implements TokenVerifier {

    @Override
    public String id() {
        return "fixed";
    }

    @Override
    public CompletionStage<TokenVerdict> verify(String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
        boolean valid = token.equals("good-token") && (claimedUser.isEmpty() || claimedUser.equals("jane@example.com"));
        return CompletableFuture.completedFuture(
                valid ? new TokenVerdict.Valid("jane@example.com") : TokenVerdict.Invalid.invalidToken());
    }
}
