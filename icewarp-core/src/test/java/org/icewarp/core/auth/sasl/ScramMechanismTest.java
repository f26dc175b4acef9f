package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.challengeOf;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import java.nio.charset.StandardCharsets;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramMechanismTest {
    private final SaslHarness harness = new SaslHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private SaslStep run(String mechanism, ScramClient client, boolean initialResponse) throws Exception {
        SaslExchange exchange = harness.exchange(mechanism);
        byte[] serverFirst;
        if (initialResponse) {
            serverFirst = challengeOf(await(exchange.start(client.clientFirst())));
        } else {
            assertThat(challengeOf(await(exchange.start()))).isEmpty();
            serverFirst = challengeOf(await(exchange.respond(client.clientFirst())));
        }
        SaslStep afterFinal = await(exchange.respond(client.clientFinal(serverFirst)));
        if (afterFinal.done()) {
            return afterFinal;
        }
        assertThat(client.serverFinalIsValid(challengeOf(afterFinal))).isTrue();
        return await(exchange.respond(new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1"})
    void handWrittenClientLogsInWithAndWithoutInitialResponse(String mechanism) throws Exception {
        ScramClient withIr = new ScramClient(mechanism, null, "john", "secret", ScramClient.randomNonce());
        assertThat(success(run(mechanism, withIr, true)).authenticationId()).isEqualTo("john@example.com");
        ScramClient withoutIr = new ScramClient(mechanism, null, "john", "secret", ScramClient.randomNonce());
        success(run(mechanism, withoutIr, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1"})
    void nonAsciiPasswordIsSaslPrepped(String mechanism) throws Exception {
        // "pässwörd" is NFKC already; the client sends the same text, so both sides derive the same key.
        ScramClient client = new ScramClient(mechanism, null, "jane", "pässwörd", ScramClient.randomNonce());
        success(run(mechanism, client, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1"})
    void wrongPasswordAndUnknownUserFailAlikeAtTheProof(String mechanism) throws Exception {
        ScramClient wrong = new ScramClient(mechanism, null, "john", "guess", ScramClient.randomNonce());
        assertThat(reason(run(mechanism, wrong, true))).isEqualTo(Reason.WRONG_CREDENTIALS);
        ScramClient unknown = new ScramClient(mechanism, null, "nobody", "guess", ScramClient.randomNonce());
        assertThat(reason(run(mechanism, unknown, true))).isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1"})
    void authzidMismatchIsNotAuthorizedButAdminMayProxy(String mechanism) throws Exception {
        ScramClient john = new ScramClient(mechanism, "jane@example.com", "john", "secret", ScramClient.randomNonce());
        assertThat(reason(run(mechanism, john, true))).isEqualTo(Reason.NOT_AUTHORIZED);
        ScramClient admin = new ScramClient(mechanism, "jane@example.com", "admin", "root", ScramClient.randomNonce());
        assertThat(success(run(mechanism, admin, true)).authorizationId()).isEqualTo("jane@example.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "n",
                "x,,n=john,r=abc",
                "p=tls-unique,,n=john,r=abc",
                "n,b=x,n=john,r=abc",
                "n,,m=ext,n=john,r=abc",
                "n,,r=abc,n=john",
                "n,,n=jo=hn,r=abc",
                "n,,n=,r=abc",
                "n,,n=john,r=",
                "n,,n=john"
            })
    void malformedClientFirstIsRefused(String message) {
        assertThat(reason(await(harness.exchange("SCRAM-SHA-256").start(utf8(message)))))
                .isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonce", "binding", "proofLength", "noProof", "base64"})
    void tamperedClientFinalIsRefused(String tamper) throws Exception {
        ScramClient client = new ScramClient("SCRAM-SHA-256", null, "john", "secret", ScramClient.randomNonce());
        SaslExchange exchange = harness.exchange("SCRAM-SHA-256");
        byte[] serverFirst = challengeOf(await(exchange.start(client.clientFirst())));
        String fin = new String(client.clientFinal(serverFirst), StandardCharsets.UTF_8);
        String bad = switch (tamper) {
            case "nonce" -> fin.replace(",r=", ",r=x");
            case "binding" -> fin.replace("c=biws", "c=eSws");
            case "proofLength" -> fin.substring(0, fin.indexOf(",p=")) + ",p=AAAA";
            case "noProof" -> fin.substring(0, fin.indexOf(",p="));
            default -> fin.substring(0, fin.indexOf(",p=")) + ",p=***";
        };
        assertThat(reason(await(exchange.respond(utf8(bad))))).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1"})
    void nonEmptyAnswerToServerFinalIsMalformed(String mechanism) throws Exception {
        ScramClient client = new ScramClient(mechanism, null, "john", "secret", ScramClient.randomNonce());
        SaslExchange exchange = harness.exchange(mechanism);
        byte[] serverFirst = challengeOf(await(exchange.start(client.clientFirst())));
        challengeOf(await(exchange.respond(client.clientFinal(serverFirst))));
        assertThat(reason(await(exchange.respond(utf8("extra"))))).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-1"})
    void backendFailureIsTemporaryAndCancelIsClean(String mechanism) throws Exception {
        harness.backend.failNext();
        ScramClient client = new ScramClient(mechanism, null, "john", "secret", ScramClient.randomNonce());
        assertThat(reason(await(harness.exchange(mechanism).start(client.clientFirst()))))
                .isEqualTo(Reason.TEMPORARY);
        SaslExchange exchange = harness.exchange(mechanism);
        await(exchange.start(client.clientFirst()));
        assertThat(exchange.cancel().reason()).isEqualTo(Reason.CANCELLED);
    }
}
