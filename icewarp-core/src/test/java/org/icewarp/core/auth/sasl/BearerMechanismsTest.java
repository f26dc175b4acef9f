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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OAUTHBEARER (RFC 7628) and XOAUTH2, with messages built here as a client builds them. */
class BearerMechanismsTest {
    private static final String TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";

    private final SaslHarness harness = new SaslHarness();

    BearerMechanismsTest() {
        harness.backend.token(TOKEN, "john@example.com");
    }

    @AfterEach
    void close() {
        harness.close();
    }

    /** RFC 7628 section 3.1 client-first message. */
    private static byte[] oauthBearer(String authzid, String token) {
        return utf8("n," + (authzid == null ? "" : "a=" + authzid) + ",\u0001host=" + SaslHarness.HOST
                + "\u0001port=143\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    private static byte[] xoauth2(String user, String token) {
        return utf8("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    @Test
    void oauthBearerWithValidTokenLogsInAsTheTokensAccount() {
        SaslStep.Success ok = success(await(harness.exchange("OAUTHBEARER").start(oauthBearer(null, TOKEN))));
        assertThat(ok.authenticationId()).isEqualTo("john@example.com");
        SaslStep.Success named =
                success(await(harness.exchange("OAUTHBEARER").start(oauthBearer("john@example.com", TOKEN))));
        assertThat(named.authorizationId()).isEqualTo("john@example.com");
    }

    @Test
    void oauthBearerWithoutInitialResponseGetsAnEmptyChallengeFirst() {
        SaslExchange exchange = harness.exchange("OAUTHBEARER");
        assertThat(challengeOf(await(exchange.start()))).isEmpty();
        success(await(exchange.respond(oauthBearer(null, TOKEN))));
    }

    @Test
    void oauthBearerRefusalSendsTheErrorJsonThenFailsAfterTheDummyReply() {
        SaslExchange exchange = harness.exchange("OAUTHBEARER");
        String json =
                new String(challengeOf(await(exchange.start(oauthBearer(null, "expired")))), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo("{\"status\":\"invalid_token\",\"scope\":\"mail\","
                        + "\"openid-configuration\":\"https://auth.example.com/.well-known/openid\"}");
        assertThat(reason(await(exchange.respond(new byte[] {1})))).isEqualTo(Reason.WRONG_CREDENTIALS);

        SaslExchange other = harness.exchange("OAUTHBEARER");
        challengeOf(await(other.start(oauthBearer(null, "expired"))));
        assertThat(reason(await(other.respond(utf8("again"))))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void oauthBearerAuthzidOfAnotherUserIsNotAuthorized() {
        assertThat(reason(await(harness.exchange("OAUTHBEARER").start(oauthBearer("jane@example.com", TOKEN)))))
                .isEqualTo(Reason.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "n,,",
                "p=tls-unique,,\u0001auth=Bearer abc\u0001\u0001",
                "n,,\u0001auth=Bearer abc\u0001",
                "n,,\u0001host=x\u0001\u0001",
                "n,,\u0001auth=Basic abc\u0001\u0001",
                "n,,\u0001auth=Bearer a b\u0001\u0001",
                "n,,\u0001noequals\u0001\u0001",
                "n,b=x,\u0001auth=Bearer abc\u0001\u0001"
            })
    void malformedOauthBearerMessagesAreRefused(String message) {
        assertThat(reason(await(harness.exchange("OAUTHBEARER").start(utf8(message)))))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void xoauth2WithValidTokenLogsIn() {
        SaslStep.Success ok = success(await(harness.exchange("XOAUTH2").start(xoauth2("john@example.com", TOKEN))));
        assertThat(ok.authenticationId()).isEqualTo("john@example.com");
        assertThat(ok.authorizationId()).isEqualTo("john@example.com");
    }

    @Test
    void xoauth2RefusalSendsGooglesJsonThenFailsAfterTheEmptyReply() {
        SaslExchange exchange = harness.exchange("XOAUTH2");
        String json = new String(
                challengeOf(await(exchange.start(xoauth2("john@example.com", "bad")))), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}");
        assertThat(reason(await(exchange.respond(new byte[0])))).isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @Test
    void xoauth2TokenOfAnotherUserIsNotAuthorized() {
        assertThat(reason(await(harness.exchange("XOAUTH2").start(xoauth2("jane@example.com", TOKEN)))))
                .isEqualTo(Reason.NOT_AUTHORIZED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "user=john\u0001auth=Bearer abc",
                "user=\u0001auth=Bearer abc\u0001\u0001",
                "auth=Bearer abc\u0001\u0001",
                "user=john\u0001auth=Bearer\u0001\u0001",
                "user=john\u0001auth=Bearer abc\u0001extra=1\u0001\u0001"
            })
    void malformedXoauth2MessagesAreRefused(String message) {
        assertThat(reason(await(harness.exchange("XOAUTH2").start(utf8(message)))))
                .isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OAUTHBEARER", "XOAUTH2"})
    void bearerMechanismsAreNeverOfferedWithoutTls(String mechanism) {
        assertThat(harness.mechanisms.find(mechanism, SaslHarness.allEnabled(), false))
                .isEmpty();
        assertThat(harness.mechanisms.find(mechanism, SaslHarness.allEnabled(), true))
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"OAUTHBEARER", "XOAUTH2"})
    void tokenServiceFailureIsTemporary(String mechanism) {
        harness.backend.failNext();
        byte[] message = mechanism.equals("XOAUTH2") ? xoauth2("john@example.com", TOKEN) : oauthBearer(null, TOKEN);
        assertThat(reason(await(harness.exchange(mechanism).start(message)))).isEqualTo(Reason.TEMPORARY);
    }
}
