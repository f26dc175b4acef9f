package org.icewarp.core.auth.sasl;

import java.time.Clock;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.internal.JwtTokenVerifier;

/**
 * Checks OAuth 2.0 bearer tokens for {@code OAUTHBEARER} and {@code XOAUTH2} (introspection, JWT validation, …).
 * Implementations are found by {@link ServiceLoader} ({@code META-INF/services/org.icewarp.core.auth.sasl.TokenVerifier})
 * or registered on {@code Authenticator.Builder.tokenVerifier}, and chosen by {@link #id()} (configuration key
 * {@code system.advanced.sasl.oauth.verifier}); the authenticator's {@link SaslBackend} delegates {@link
 * SaslBackend#verifyToken} to it. The stock verifier, {@link #jwt}, checks signed JWTs locally.
 *
 * <p>A {@link TokenVerdict.Valid} names the login the token stands for; the authenticator maps it to an existing,
 * enabled account under the login-name policy, applies the login policy and writes the authentication log. A {@link
 * RuntimeException} thrown or an exceptionally completed stage is a temporary failure.
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
     *     empty string; a verifier may refuse a token whose subject does not match it, and in any case the mechanisms
     *     ask {@link SaslBackend#mayActAs} when the claimed user differs from the token's account
     * @param attempt where the attempt comes from
     * @return the verdict; completes exceptionally when the check cannot be made now
     */
    CompletionStage<TokenVerdict> verify(String token, TokenKind kind, String claimedUser, AuthAttempt attempt);

    /**
     * The stock JWT verifier (id {@code jwt}): RS256 or ES256 with a PEM public key, or HS256 with a shared secret
     * file; checks {@code exp} and {@code nbf} with the clock skew, {@code iss} and {@code aud}; the login comes from
     * the configured claim, else {@code sub}.
     *
     * @param settings the OAuth settings (issuer, audience, key file, claim, skew)
     * @param clock the clock expiry is checked against
     * @return the verifier
     * @throws IllegalArgumentException naming {@code oauth.key-file} when the key cannot be read or used
     */
    static TokenVerifier jwt(SaslSettings.OAuth settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return JwtTokenVerifier.create(settings, clock);
    }

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
