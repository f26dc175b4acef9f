package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.challengeOf;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;
import static org.icewarp.core.auth.sasl.SaslHarness.utf8;

import java.util.List;
import java.util.Map;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CRAM-MD5, DIGEST-MD5 and NTLM: the JDK's servers behind the backend, driven by the JDK's own clients. */
class JdkMechanismsTest {
    private final SaslHarness harness = new SaslHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private static SaslClient client(String mechanism, String authzid, String user, String password) throws Exception {
        return Sasl.createSaslClient(
                new String[] {mechanism}, authzid, "imap", SaslHarness.HOST, Map.of(Sasl.QOP, "auth"), callbacks -> {
                    for (var cb : callbacks) {
                        if (cb instanceof NameCallback n) {
                            n.setName(user);
                        } else if (cb instanceof PasswordCallback p) {
                            p.setPassword(password.toCharArray());
                        } else if (cb instanceof RealmCallback r) {
                            r.setText(r.getDefaultText() == null ? SaslHarness.HOST : r.getDefaultText());
                        } else if (cb instanceof RealmChoiceCallback c) {
                            c.setSelectedIndex(0);
                        }
                    }
                });
    }

    /** Runs a whole exchange with a JDK client; returns the final step. */
    private SaslStep run(String mechanism, SaslClient client) throws Exception {
        SaslExchange exchange = harness.exchange(mechanism);
        SaslStep step = client.hasInitialResponse()
                ? await(exchange.start(client.evaluateChallenge(new byte[0])))
                : await(exchange.start());
        while (!step.done()) {
            byte[] challenge = challengeOf(step);
            byte[] response = client.isComplete() ? new byte[0] : client.evaluateChallenge(challenge);
            step = await(exchange.respond(response == null ? new byte[0] : response));
        }
        return step;
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRAM-MD5", "DIGEST-MD5", "NTLM"})
    void jdkClientLogsInAndGetsTheCanonicalAccount(String mechanism) throws Exception {
        SaslStep.Success ok = success(run(mechanism, client(mechanism, null, "john", "secret")));
        assertThat(ok.authenticationId()).isEqualTo("john@example.com");
        assertThat(ok.authorizationId()).isEqualTo("john@example.com");
        assertThat(ok.mechanism()).isEqualTo(mechanism);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRAM-MD5", "DIGEST-MD5", "NTLM"})
    void wrongPasswordAndUnknownUserAreWrongCredentials(String mechanism) throws Exception {
        assertThat(reason(run(mechanism, client(mechanism, null, "john", "guess"))))
                .isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(reason(run(mechanism, client(mechanism, null, "nobody", "secret"))))
                .isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRAM-MD5", "DIGEST-MD5", "NTLM"})
    void backendFailureIsTemporary(String mechanism) throws Exception {
        harness.backend.failNext();
        assertThat(reason(run(mechanism, client(mechanism, null, "john", "secret"))))
                .isEqualTo(Reason.TEMPORARY);
    }

    @Test
    void digestAuthzidOfAnotherUserIsNotAuthorizedUnlessAdmin() throws Exception {
        assertThat(reason(run("DIGEST-MD5", client("DIGEST-MD5", "jane@example.com", "john", "secret"))))
                .isEqualTo(Reason.NOT_AUTHORIZED);
        SaslStep.Success proxy = success(run("DIGEST-MD5", client("DIGEST-MD5", "jane@example.com", "admin", "root")));
        assertThat(proxy.authorizationId()).isEqualTo("jane@example.com");
        assertThat(proxy.authenticationId()).isEqualTo(TestBackend.ADMIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRAM-MD5", "DIGEST-MD5"})
    void serverFirstMechanismsRefuseAnInitialResponse(String mechanism) {
        assertThat(reason(await(harness.exchange(mechanism).start(utf8("john")))))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void malformedResponsesAreRefused() {
        for (String bad : List.of("john", "john 1234", "john zz3456789012345678901234567890")) {
            SaslExchange cram = harness.exchange("CRAM-MD5");
            challengeOf(await(cram.start()));
            assertThat(reason(await(cram.respond(utf8(bad))))).as(bad).isEqualTo(Reason.MALFORMED);
        }
        SaslExchange digest = harness.exchange("DIGEST-MD5");
        challengeOf(await(digest.start()));
        assertThat(reason(await(digest.respond(utf8("realm=\"x\",nonce=\"y\"")))))
                .isEqualTo(Reason.MALFORMED);
        SaslExchange ntlm = harness.exchange("NTLM");
        assertThat(reason(await(ntlm.start(utf8("not ntlm at all"))))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void digestResponseForAnotherServerIsWrongCredentials() throws Exception {
        SaslClient other = Sasl.createSaslClient(
                new String[] {"DIGEST-MD5"}, null, "imap", "other.example.net", Map.of(), callbacks -> {
                    for (var cb : callbacks) {
                        if (cb instanceof NameCallback n) {
                            n.setName("john");
                        } else if (cb instanceof PasswordCallback p) {
                            p.setPassword("secret".toCharArray());
                        } else if (cb instanceof RealmCallback r) {
                            r.setText(r.getDefaultText());
                        }
                    }
                });
        assertThat(reason(run("DIGEST-MD5", other))).isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @Test
    void cancelAfterTheChallengeIsClean() {
        SaslExchange exchange = harness.exchange("CRAM-MD5");
        challengeOf(await(exchange.start()));
        assertThat(exchange.cancel().reason()).isEqualTo(Reason.CANCELLED);
        assertThat(reason(await(exchange.respond(utf8("john 0123456789abcdef0123456789abcdef")))))
                .isEqualTo(Reason.CANCELLED);
    }
}
