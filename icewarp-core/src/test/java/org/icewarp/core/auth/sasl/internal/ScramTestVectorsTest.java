package org.icewarp.core.auth.sasl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.challengeOf;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.AuthAttempt;
import org.icewarp.core.auth.sasl.SaslBackend;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.ScramClient;
import org.icewarp.core.auth.sasl.ScramCredentials;
import org.icewarp.core.auth.sasl.Verification;
import org.junit.jupiter.api.Test;

/** The exchanges of RFC 5802 section 5 and RFC 7677 section 3, byte for byte, with the RFCs' server nonces. */
class ScramTestVectorsTest {

    private static SaslExchange exchange(SaslMechanism mechanism, String salt) {
        SaslBackend backend = new SaslBackend() {
            @Override
            public CompletionStage<Verification> verifyPassword(String authcid, String password, AuthAttempt a) {
                return CompletableFuture.completedFuture(Verification.rejected());
            }

            @Override
            public CompletionStage<Optional<ScramCredentials>> scramCredentials(
                    String authcid, String m, AuthAttempt a) {
                return CompletableFuture.completedFuture(Optional.of(ScramCredentials.derive(
                        m, authcid, "pencil", Base64.getDecoder().decode(salt), 4096)));
            }
        };
        return mechanism.newExchange(new SaslContext(
                "imap",
                "mail.example.com",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
                true,
                SaslSettings.defaults(),
                backend,
                Runnable::run));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void rfc7677ScramSha256Exchange() {
        SaslExchange exchange =
                exchange(new ScramSha256Mechanism(() -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"), "W22ZaJ0SNY7soEsUEjb6gQ==");
        assertThat(text(challengeOf(await(exchange.start(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))))))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(text(challengeOf(
                        await(exchange.respond(utf8("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))))))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(success(await(exchange.respond(new byte[0]))).authenticationId())
                .isEqualTo("user");
    }

    @Test
    void rfc5802ScramSha1Exchange() {
        SaslExchange exchange = exchange(new ScramSha1Mechanism(() -> "3rfcNHYJY1ZVvWVs7j"), "QSXCR+Q6sek8bf92");
        assertThat(text(challengeOf(await(exchange.start(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"))))))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(text(challengeOf(await(exchange.respond(
                        utf8("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="))))))
                .isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
        success(await(exchange.respond(new byte[0])));
    }

    @Test
    void handWrittenTestClientReproducesTheRfc7677Proof() throws Exception {
        ScramClient client = new ScramClient("SCRAM-SHA-256", null, "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertThat(text(client.clientFirst())).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(text(client.clientFinal(utf8(
                        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"))))
                .isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(client.serverFinalIsValid(utf8("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")))
                .isTrue();
    }
}
