package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.challengeOf;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlainMechanismTest {
    private final SaslHarness harness = new SaslHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private static SaslClient jdkClient(String authzid, String user, String password) throws Exception {
        return Sasl.createSaslClient(new String[] {"PLAIN"}, authzid, "imap", SaslHarness.HOST, null, callbacks -> {
            for (var cb : callbacks) {
                if (cb instanceof NameCallback n) {
                    n.setName(user);
                } else if (cb instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        });
    }

    @Test
    void jdkClientLogsInWithInitialResponseAndGetsTheCanonicalAccount() throws Exception {
        SaslClient client = jdkClient(null, "john", "secret");
        SaslStep step = await(harness.exchange("PLAIN").start(client.evaluateChallenge(new byte[0])));
        SaslStep.Success ok = success(step);
        assertThat(ok.authenticationId()).isEqualTo("john@example.com");
        assertThat(ok.authorizationId()).isEqualTo("john@example.com");
        assertThat(ok.mechanism()).isEqualTo("PLAIN");
    }

    @Test
    void withoutInitialResponseTheServerSendsAnEmptyChallengeFirst() throws Exception {
        SaslExchange exchange = harness.exchange("PLAIN");
        assertThat(challengeOf(await(exchange.start()))).isEmpty();
        SaslClient client = jdkClient(null, "jane@example.com", "pässwörd");
        success(await(exchange.respond(client.evaluateChallenge(new byte[0]))));
    }

    @Test
    void wrongPasswordIsWrongCredentialsAndNamesTheAttemptedUser() throws Exception {
        SaslStep step = await(harness.exchange("PLAIN").start(utf8("\0john\0nope")));
        assertThat(reason(step)).isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(((SaslStep.Failure) step).attemptedUser()).contains("john");
        assertThat(step.toString()).doesNotContain("nope");
    }

    @Test
    void unknownUserIsWrongCredentials() {
        assertThat(reason(await(harness.exchange("PLAIN").start(utf8("\0nobody\0secret")))))
                .isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @Test
    void malformedMessagesAreRefusedWithoutReachingTheBackend() {
        for (String bad : new String[] {"", "john", "\0john", "john\0secret", "\0\0secret", "\0john\0", "a\0b\0c\0d"}) {
            harness.backend.failNext();
            assertThat(reason(await(harness.exchange("PLAIN").start(utf8(bad)))))
                    .as("message %s", bad.replace("\0", "<NUL>"))
                    .isEqualTo(Reason.MALFORMED);
        }
        byte[] notUtf8 = {0, 'j', 'o', 'h', 'n', 0, (byte) 0xC3, (byte) 0x28};
        assertThat(reason(await(harness.exchange("PLAIN").start(notUtf8)))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void authzidOfAnotherUserIsNotAuthorized() throws Exception {
        SaslClient client = jdkClient("jane@example.com", "john", "secret");
        assertThat(reason(await(harness.exchange("PLAIN").start(client.evaluateChallenge(new byte[0])))))
                .isEqualTo(Reason.NOT_AUTHORIZED);
    }

    @Test
    void authzidOfOneselfOrAllowedByTheBackendSucceeds() throws Exception {
        SaslStep.Success self = success(await(harness.exchange("PLAIN").start(utf8("John@Example.com\0john\0secret"))));
        assertThat(self.authorizationId()).isEqualTo("john@example.com");

        SaslClient admin = jdkClient("jane@example.com", "admin", "root");
        SaslStep.Success proxy = success(await(harness.exchange("PLAIN").start(admin.evaluateChallenge(new byte[0]))));
        assertThat(proxy.authorizationId()).isEqualTo("jane@example.com");
        assertThat(proxy.authenticationId()).isEqualTo(TestBackend.ADMIN);
    }
}
