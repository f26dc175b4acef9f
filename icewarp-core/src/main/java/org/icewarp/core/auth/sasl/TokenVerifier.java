package org.icewarp.core.auth.sasl;

import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;

/**
 * Checks OAuth 2.0 bearer tokens for {@code OAUTHBEARER} and {@code XOAUTH2} (introspection, JWT validation, …).
 * Implementations are found by {@link ServiceLoader} ({@code META-INF/services/org.icewarp.core.auth.sasl.TokenVerifier})
 * and chosen by {@link #id()}; a {@link SaslBackend} delegates {@link SaslBackend#verifyToken} to one.
 *
 * <p>Threading: must not block the calling thread; do network work asynchronously or on an executor of its own.
 */
public interface TokenVerifier {

    /**
     * Returns the id configuration uses to pick this verifier.
     *
     * @return a short lower-case id, for example {@code jwt} or {@code introspection}
     */
    String id();

    /**
     * Checks a token.
     *
     * @param token the bearer token as the client sent it; a secret: never log it
     * @param kind the mechanism that carried it
     * @param claimedUser the user the client named ({@code a=} of OAUTHBEARER, {@code user=} of XOAUTH2), or an
     *     empty string; the verifier refuses a token whose subject does not match a non-empty claimed user
     * @param attempt where the attempt comes from
     * @return the verdict; completes exceptionally when the check cannot be made now
     */
    CompletionStage<TokenVerdict> verify(String token, TokenKind kind, String claimedUser, AuthAttempt attempt);

    /**
     * Finds a verifier by id on the class path.
     *
     * @param id the id
     * @param loader the class loader to search
     * @return the verifier
     * @throws IllegalArgumentException if none has that id
     */
    static TokenVerifier load(String id, ClassLoader loader) {
        Objects.requireNonNull(id, "id");
        for (TokenVerifier v : ServiceLoader.load(TokenVerifier.class, loader)) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no token verifier with id '" + id + "'");
    }
}
