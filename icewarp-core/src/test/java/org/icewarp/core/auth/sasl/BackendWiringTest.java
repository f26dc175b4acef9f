package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.challengeOf;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.junit.jupiter.api.Test;

/**
 * The smallest backends an authenticator can write: only {@code verifyPassword}, or that plus a {@link TokenVerifier}
 * found by {@link java.util.ServiceLoader}; and a backend that breaks its contract by throwing.
 */
class BackendWiringTest {
    private final SaslMechanisms mechanisms = SaslMechanisms.load(BackendWiringTest.class.getClassLoader());
    private final SaslSettings settings = SaslHarness.allEnabled();

    private SaslExchange exchange(String mechanism, SaslBackend backend) {
        SaslContext context = new SaslContext(
                "smtp",
                SaslHarness.HOST,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 2525),
                true,
                settings,
                backend,
                Runnable::run);
        return mechanisms.find(mechanism, settings, true).orElseThrow().newExchange(context);
    }

    /** A backend that knows one password and nothing else. */
    private static class PasswordOnly implements SaslBackend {
        @Override
        public CompletionStage<Verification> verifyPassword(String authcid, String password, AuthAttempt attempt) {
            return CompletableFuture.completedFuture(
                    authcid.equals("jane") && password.equals("pw")
                            ? Verification.accepted("jane@example.com")
                            : Verification.rejected());
        }
    }

    @Test
    void passwordOnlyBackendServesPlainAndFailsTheOthersAsWrongCredentials() throws Exception {
        PasswordOnly backend = new PasswordOnly();
        success(await(exchange("PLAIN", backend).start(utf8("\0jane\0pw"))));
        ScramClient scram = new ScramClient("SCRAM-SHA-256", null, "jane", "pw", ScramClient.randomNonce());
        SaslExchange s = exchange("SCRAM-SHA-256", backend);
        byte[] serverFirst = challengeOf(await(s.start(scram.clientFirst())));
        assertThat(reason(await(s.respond(scram.clientFinal(serverFirst))))).isEqualTo(Reason.WRONG_CREDENTIALS);
        SaslExchange cram = exchange("CRAM-MD5", backend);
        challengeOf(await(cram.start()));
        assertThat(reason(await(cram.respond(utf8("jane 0123456789abcdef0123456789abcdef")))))
                .isEqualTo(Reason.WRONG_CREDENTIALS);
        SaslExchange bearer = exchange("OAUTHBEARER", backend);
        challengeOf(await(bearer.start(utf8("n,,\u0001auth=Bearer abc\u0001\u0001"))));
        assertThat(reason(await(bearer.respond(new byte[] {1})))).isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @Test
    void backendDelegatingToAServiceLoadedTokenVerifierServesOauthBearer() {
        TokenVerifier verifier = TokenVerifier.load("fixed", BackendWiringTest.class.getClassLoader());
        SaslBackend backend = new PasswordOnly() {
            @Override
            public CompletionStage<TokenVerdict> verifyToken(
                    String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
                return verifier.verify(token, kind, claimedUser, attempt);
            }
        };
        SaslStep.Success ok = success(await(exchange("OAUTHBEARER", backend)
                .start(utf8("n,a=jane@example.com,\u0001auth=Bearer good-token\u0001\u0001"))));
        assertThat(ok.authenticationId()).isEqualTo("jane@example.com");
        SaslExchange refused = exchange("XOAUTH2", backend);
        String json = new String(
                challengeOf(await(refused.start(utf8("user=jane@example.com\u0001auth=Bearer bad\u0001\u0001")))),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":\"401\"");
        assertThatThrownBy(() -> TokenVerifier.load("none", BackendWiringTest.class.getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none");
    }

    @Test
    void backendThrowingInsteadOfFailingItsStageIsTemporary() {
        SaslBackend throwing = new SaslBackend() {
            @Override
            public CompletionStage<Verification> verifyPassword(String authcid, String password, AuthAttempt a) {
                throw new IllegalStateException("bug in the backend");
            }

            @Override
            public CompletionStage<java.util.Optional<ScramCredentials>> scramCredentials(
                    String authcid, String mechanism, AuthAttempt attempt) {
                throw new IllegalStateException("bug in the backend");
            }
        };
        assertThat(reason(await(exchange("PLAIN", throwing).start(utf8("\0jane\0pw")))))
                .isEqualTo(Reason.TEMPORARY);
        SaslExchange login = exchange("LOGIN", throwing);
        challengeOf(await(login.start(utf8("jane"))));
        assertThat(reason(await(login.respond(utf8("pw"))))).isEqualTo(Reason.TEMPORARY);
        assertThat(reason(await(exchange("SCRAM-SHA-1", throwing).start(utf8("n,,n=jane,r=abc")))))
                .isEqualTo(Reason.TEMPORARY);
    }
}
