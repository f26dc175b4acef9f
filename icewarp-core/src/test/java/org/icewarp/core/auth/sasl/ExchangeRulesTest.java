package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules every mechanism shares, shown on PLAIN, LOGIN and the JDK-backed CRAM-MD5. */
class ExchangeRulesTest {
    private final SaslHarness harness = new SaslHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void oversizedInitialResponseOrResponseIsTooLongForEveryMechanism() {
        SaslSettings settings = SaslSettings.builder()
                .maxMessageSize(300)
                .reversiblePasswords(true)
                .enable("CRAM-MD5")
                .enable("DIGEST-MD5")
                .enable("NTLM")
                .enable("OAUTHBEARER")
                .enable("XOAUTH2")
                .build();
        byte[] big = new byte[301];
        Arrays.fill(big, (byte) 'a');
        for (SaslMechanism m : harness.mechanisms.advertised(settings, true)) {
            SaslExchange exchange = m.newExchange(harness.context(settings, true));
            SaslStep first = await(exchange.start());
            assertThat(first.done()).as(m.name()).isFalse();
            assertThat(reason(await(exchange.respond(big)))).as(m.name()).isEqualTo(Reason.TOO_LONG);
            if (m.clientFirst()) {
                assertThat(reason(await(
                                m.newExchange(harness.context(settings, true)).start(big))))
                        .as(m.name())
                        .isEqualTo(Reason.TOO_LONG);
            }
        }
    }

    @Test
    void cancelWhileTheBackendIsPendingYieldsCancelledNotSuccess() {
        var held = harness.backend.holdNextPassword();
        SaslExchange exchange = harness.exchange("PLAIN");
        CompletionStage<SaslStep> pending = exchange.start(utf8("\0john\0secret"));
        assertThat(exchange.cancel().reason()).isEqualTo(Reason.CANCELLED);
        held.complete(Verification.accepted("john@example.com"));
        assertThat(reason(await(pending))).isEqualTo(Reason.CANCELLED);
        assertThat(exchange.cancel().reason()).isEqualTo(Reason.CANCELLED);
    }

    @Test
    void backendFailureIsTemporary() {
        harness.backend.failNext();
        assertThat(reason(await(harness.exchange("PLAIN").start(utf8("\0john\0secret")))))
                .isEqualTo(Reason.TEMPORARY);
    }

    @Test
    void backendUnavailableVerdictIsTemporary() {
        harness.backend.holdNextPassword().complete(Verification.unavailable("directory down"));
        assertThat(reason(await(harness.exchange("PLAIN").start(utf8("\0john\0secret")))))
                .isEqualTo(Reason.TEMPORARY);
    }

    @Test
    void fullWorkerExecutorIsTemporary() {
        SaslContext context = new SaslContext(
                "imap",
                SaslHarness.HOST,
                harness.context(SaslHarness.allEnabled(), true).remote(),
                true,
                SaslHarness.allEnabled(),
                harness.backend,
                task -> {
                    throw new RejectedExecutionException("queue full");
                });
        SaslExchange exchange = harness.mechanisms
                .find("CRAM-MD5", context.settings(), true)
                .orElseThrow()
                .newExchange(context);
        assertThat(reason(await(exchange.start()))).isEqualTo(Reason.TEMPORARY);
    }

    @Test
    void responseWithoutOutstandingChallengeIsMalformedAndDoubleStartIsABug() {
        SaslExchange exchange = harness.exchange("PLAIN");
        assertThat(reason(await(exchange.respond(utf8("\0john\0secret"))))).isEqualTo(Reason.MALFORMED);
        success(await(exchange.start(utf8("\0john\0secret"))));
        assertThat(reason(await(exchange.respond(new byte[0])))).isEqualTo(Reason.MALFORMED);
        assertThatThrownBy(exchange::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stepsAndCredentialsNeverShowSecretsInToString() {
        ScramCredentials c = ScramCredentials.derive("SCRAM-SHA-256", "john@example.com", "secret", new byte[16], 4096);
        assertThat(c.toString()).doesNotContain("secret").contains("redacted");
        ReversibleSecret s = new ReversibleSecret("john@example.com", "secret".toCharArray());
        assertThat(s.toString()).doesNotContain("secret").contains("redacted");
        s.clear();
        assertThat(s.password()).containsOnly('\0');
        assertThat(new SaslStep.Challenge(utf8("Password:")).toString()).doesNotContain("Password");
    }
}
