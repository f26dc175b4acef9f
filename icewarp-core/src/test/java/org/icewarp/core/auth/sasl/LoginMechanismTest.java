package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.challengeOf;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {
    private final SaslHarness harness = new SaslHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void asksUsernameThenPassword() {
        SaslExchange exchange = harness.exchange("LOGIN");
        assertThat(new String(challengeOf(await(exchange.start())))).isEqualTo("Username:");
        assertThat(new String(challengeOf(await(exchange.respond(utf8("john"))))))
                .isEqualTo("Password:");
        assertThat(success(await(exchange.respond(utf8("secret")))).authenticationId())
                .isEqualTo("john@example.com");
    }

    @Test
    void initialResponseIsTheUserName() {
        SaslExchange exchange = harness.exchange("LOGIN");
        assertThat(new String(challengeOf(await(exchange.start(utf8("jane")))))).isEqualTo("Password:");
        success(await(exchange.respond(utf8("pässwörd"))));
    }

    @Test
    void wrongPasswordIsWrongCredentials() {
        SaslExchange exchange = harness.exchange("LOGIN");
        await(exchange.start(utf8("john")));
        assertThat(reason(await(exchange.respond(utf8("guess"))))).isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @Test
    void emptyOrInvalidFieldsAreMalformed() {
        assertThat(reason(await(harness.exchange("LOGIN").start(new byte[0])))).isEqualTo(Reason.MALFORMED);
        SaslExchange exchange = harness.exchange("LOGIN");
        await(exchange.start(utf8("john")));
        assertThat(reason(await(exchange.respond(new byte[0])))).isEqualTo(Reason.MALFORMED);
        SaslExchange badUtf8 = harness.exchange("LOGIN");
        await(badUtf8.start());
        assertThat(reason(await(badUtf8.respond(new byte[] {(byte) 0xFF})))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void cancelAfterTheUserNameFailsCleanly() {
        SaslExchange exchange = harness.exchange("LOGIN");
        await(exchange.start(utf8("john")));
        SaslStep.Failure cancelled = exchange.cancel();
        assertThat(cancelled.reason()).isEqualTo(Reason.CANCELLED);
        assertThat(cancelled.attemptedUser()).contains("john");
        assertThat(reason(await(exchange.respond(utf8("secret"))))).isEqualTo(Reason.CANCELLED);
    }
}
