package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.icewarp.core.auth.sasl.ScramClient;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.EmailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SASL end to end against a real {@link Authenticator} over the in-memory account store: every mechanism logs in
 * through {@link Authenticator#saslBackend}, is counted by the same login policy and writes the same log line.
 * Everything runs on the calling thread (direct executors), so no test waits.
 */
class SaslGlueTest {
    private static final String HOST = "mail.t.com";
    private static final String IP = "192.0.2.7";

    private final AccountStore store = Fixtures.store("t.com");
    private final SaslMechanisms mechanisms = SaslMechanisms.load(SaslGlueTest.class.getClassLoader());
    private final Fixtures.LogCapture log = new Fixtures.LogCapture();
    private Authenticator auth;

    private Authenticator build(boolean reversible, int maxFailures) {
        PasswordSettings.Builder p = Fixtures.fast().toBuilder();
        if (reversible) {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) 7);
            p.storeReversible(true).reversibleKey(key);
        }
        CredentialService credentials = CredentialService.create(p.build());
        auth = Authenticator.builder(store)
                .settings(AuthSettings.builder()
                        .logLevel(LogLevel.DEBUG)
                        .maxAccountFailures(maxFailures)
                        .build())
                .credentials(credentials)
                .serviceLoader(false)
                .executor(Runnable::run)
                .build();
        EmailAddress b = EmailAddress.parse("b@t.com");
        if (store.lookup(b).isEmpty()) {
            store.createAccount(Account.of("b@t.com"));
        }
        credentials.setPassword(store, b, "right");
        return auth;
    }

    @AfterEach
    void close() {
        log.close();
        if (auth != null) {
            auth.close();
        }
    }

    private SaslSettings settings() {
        SaslSettings configured = SaslSettings.builder()
                .enable("CRAM-MD5")
                .enable("DIGEST-MD5")
                .enable("NTLM")
                .enable("SCRAM-SHA-1")
                .enable("SCRAM-SHA-256")
                .build();
        return auth.saslSettings(configured);
    }

    private SaslExchange exchange(String mechanism, boolean tls) {
        SaslContext context = new SaslContext(
                "smtp",
                HOST,
                new InetSocketAddress(Fixtures.ip(IP), 50_000),
                tls,
                settings(),
                auth.saslBackend("smtp", "1A2B"),
                Runnable::run);
        return mechanisms.newExchange(mechanism, context).orElseThrow();
    }

    private static SaslStep await(CompletionStage<SaslStep> stage) {
        return stage.toCompletableFuture().join();
    }

    private static byte[] challenge(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return ((SaslStep.Challenge) step).data();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SaslClient jdkClient(String mechanism, String user, String password) throws Exception {
        return Sasl.createSaslClient(
                new String[] {mechanism}, null, "smtp", HOST, Map.of(Sasl.QOP, "auth"), callbacks -> {
                    for (var cb : callbacks) {
                        if (cb instanceof NameCallback n) {
                            n.setName(user);
                        } else if (cb instanceof PasswordCallback p) {
                            p.setPassword(password.toCharArray());
                        } else if (cb instanceof RealmCallback r) {
                            r.setText(r.getDefaultText() == null ? HOST : r.getDefaultText());
                        } else if (cb instanceof RealmChoiceCallback c) {
                            c.setSelectedIndex(0);
                        }
                    }
                });
    }

    private SaslStep plain(String user, String password) throws Exception {
        SaslClient client = jdkClient("PLAIN", user, password);
        return await(exchange("PLAIN", true).start(client.evaluateChallenge(new byte[0])));
    }

    private SaslStep login(String user, String password) {
        SaslExchange exchange = exchange("LOGIN", true);
        challenge(await(exchange.start(utf8(user))));
        return await(exchange.respond(utf8(password)));
    }

    private SaslStep scram(String mechanism, String user, String password) throws Exception {
        ScramClient client = new ScramClient(mechanism, null, user, password, ScramClient.randomNonce());
        SaslExchange exchange = exchange(mechanism, false);
        byte[] serverFirst = challenge(await(exchange.start(client.clientFirst())));
        SaslStep afterFinal = await(exchange.respond(client.clientFinal(serverFirst)));
        if (afterFinal.done()) {
            return afterFinal;
        }
        assertThat(client.serverFinalIsValid(challenge(afterFinal))).isTrue();
        return await(exchange.respond(new byte[0]));
    }

    /** CRAM-MD5, DIGEST-MD5, NTLM: the JDK's client against the JDK's server behind the authenticator. */
    private SaslStep jdk(String mechanism, String user, String password) throws Exception {
        SaslClient client = jdkClient(mechanism, user, password);
        SaslExchange exchange = exchange(mechanism, false);
        SaslStep step = client.hasInitialResponse()
                ? await(exchange.start(client.evaluateChallenge(new byte[0])))
                : await(exchange.start());
        while (!step.done()) {
            byte[] response = client.isComplete() ? null : client.evaluateChallenge(challenge(step));
            step = await(exchange.respond(response == null ? new byte[0] : response));
        }
        return step;
    }

    private SaslStep attempt(String mechanism, String user, String password) throws Exception {
        return switch (mechanism) {
            case "PLAIN" -> plain(user, password);
            case "LOGIN" -> login(user, password);
            case "CRAM-MD5", "DIGEST-MD5", "NTLM" -> jdk(mechanism, user, password);
            default -> scram(mechanism, user, password);
        };
    }

    private static int method(String mechanism) {
        return Mechanism.named(mechanism).method();
    }

    private void assertLogged(String result, String user, String mechanism) {
        assertThat(log.lines())
                .anySatisfy(l -> assertThat(l)
                        .endsWith("Authentication [SMTP] - Result=" + result + ", User=" + user + ", Method="
                                + method(mechanism)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "DIGEST-MD5", "NTLM"})
    void rightPasswordLogsInAndIsLoggedWithTheMechanismsMethodNumber(String mechanism) throws Exception {
        build(true, 5);
        SaslStep step = attempt(mechanism, "B@t.com", "right");
        assertThat(step)
                .isInstanceOfSatisfying(
                        SaslStep.Success.class,
                        s -> assertThat(s.authenticationId()).isEqualTo("b@t.com"));
        assertLogged("1", "b@t.com", mechanism);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "DIGEST-MD5", "NTLM"})
    void wrongPasswordIsWrongCredentialsCountedAndLogged(String mechanism) throws Exception {
        build(true, 5);
        SaslStep step = attempt(mechanism, "b@t.com", "wrong");
        assertThat(step)
                .isInstanceOfSatisfying(
                        SaslStep.Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.WRONG_CREDENTIALS));
        assertLogged("0", "b@t.com", mechanism);
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("Login policy [SMTP]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "DIGEST-MD5", "NTLM"})
    void unknownUserFailsLikeAWrongPasswordAndIsLogged(String mechanism) throws Exception {
        build(true, 5);
        SaslStep step = attempt(mechanism, "nobody@t.com", "right");
        assertThat(step)
                .isInstanceOfSatisfying(
                        SaslStep.Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.WRONG_CREDENTIALS));
        assertLogged("0", "nobody@t.com", mechanism);
    }

    @Test
    void scramServerFirstOfAnUnknownUserLooksLikeAKnownOnes() throws Exception {
        build(false, 5);
        String known = serverFirst("b@t.com");
        String unknown = serverFirst("nobody@t.com");
        String iterations = "i=" + auth.credentials().settings().scramIterations();
        assertThat(known).endsWith("," + iterations);
        assertThat(unknown).endsWith("," + iterations);
        assertThat(serverFirst("nobody@t.com").split(",")[1]).isEqualTo(unknown.split(",")[1]);
    }

    private String serverFirst(String user) {
        ScramClient client = new ScramClient("SCRAM-SHA-256", null, user, "x", ScramClient.randomNonce());
        byte[] first = challenge(await(exchange("SCRAM-SHA-256", false).start(client.clientFirst())));
        return new String(first, StandardCharsets.UTF_8);
    }

    @Test
    void failuresAreCountedAcrossMechanismsAndABlockedAccountFailsEvenWithTheRightPassword() throws Exception {
        build(true, 4);
        for (String mechanism : List.of("PLAIN", "LOGIN", "SCRAM-SHA-256", "CRAM-MD5")) {
            assertThat(attempt(mechanism, "b@t.com", "wrong")).isInstanceOf(SaslStep.Failure.class);
        }
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("blocked"));
        for (String mechanism :
                List.of("PLAIN", "LOGIN", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "DIGEST-MD5", "NTLM")) {
            log.clear();
            SaslStep step = attempt(mechanism, "b@t.com", "right");
            assertThat(step)
                    .as(mechanism)
                    .isInstanceOfSatisfying(
                            SaslStep.Failure.class, f -> assertThat(f.reason()).isEqualTo(Reason.WRONG_CREDENTIALS));
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("login refused while blocked"));
            assertLogged("0", "b@t.com", mechanism);
        }
    }

    @Test
    void reversibleMechanismsAreOfferedExactlyWhenReversiblePasswordsAreStored() throws Exception {
        build(false, 5);
        assertThat(names(settings()))
                .doesNotContain("CRAM-MD5", "DIGEST-MD5", "NTLM")
                .contains("SCRAM-SHA-256");
        for (String mechanism : List.of("CRAM-MD5", "DIGEST-MD5", "NTLM")) {
            assertThat(mechanisms.find(mechanism, settings(), true))
                    .as(mechanism)
                    .isEmpty();
        }
        auth.close();
        build(true, 5);
        assertThat(names(settings())).contains("CRAM-MD5", "DIGEST-MD5", "NTLM");
    }

    @Test
    void plainTextMechanismsFollowTheAuthPolicy() {
        build(false, 5);
        SaslSettings s = settings();
        assertThat(names(mechanisms, s, false)).doesNotContain("PLAIN", "LOGIN");
        assertThat(names(mechanisms, s, true)).contains("PLAIN", "LOGIN");
        auth.close();
        auth = Authenticator.builder(store)
                .settings(AuthSettings.builder().disablePlain(true).build())
                .serviceLoader(false)
                .executor(Runnable::run)
                .build();
        assertThat(names(mechanisms, settings(), true)).doesNotContain("PLAIN", "LOGIN");
    }

    private List<String> names(SaslSettings s) {
        return names(mechanisms, s, false);
    }

    private static List<String> names(SaslMechanisms mechanisms, SaslSettings s, boolean tls) {
        return mechanisms.advertised(s, tls).stream().map(SaslMechanism::name).toList();
    }
}
