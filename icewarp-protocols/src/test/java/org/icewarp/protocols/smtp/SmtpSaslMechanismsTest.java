package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.protocols.smtp.SmtpSaslServer.HOST;
import static org.icewarp.protocols.smtp.SmtpSaslServer.JOHN;
import static org.icewarp.protocols.smtp.SmtpSaslServer.JOHN_PASSWORD;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.EmailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every password and token mechanism over a real socket through SMTP AUTH (RFC 4954): the right credential gets
 * {@code 235 2.7.0}, a wrong one {@code 535 5.7.8}, each attempt writes the seed's {@code Authentication [SMTP]} line
 * with the mechanism's method number, and no password, token or SASL message reaches any log at any level. Clients are
 * the JDK's {@code javax.security.sasl} where it has one (PLAIN, CRAM-MD5, DIGEST-MD5, NTLM) and written for the tests
 * otherwise (LOGIN, SCRAM, OAUTHBEARER, XOAUTH2).
 */
class SmtpSaslMechanismsTest {
    private static final String ISSUER = "https://idp.example.com";
    private static final String AUDIENCE = "mail";

    @TempDir
    Path dir;

    private final SmtpSaslLogs logs = new SmtpSaslLogs();
    private final SmtpSaslWire wire = new SmtpSaslWire();
    private final List<String> secrets = new ArrayList<>(List.of(JOHN_PASSWORD, "wrong-password"));

    @AfterEach
    void noSecretInAnyLog() {
        try {
            List<String> all = new ArrayList<>(secrets);
            all.addAll(wire.payloads());
            logs.assertNoneContains(all);
        } finally {
            logs.close();
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String codeAndText(SmtpTestClient.Reply r) {
        return r.code() + " " + r.text();
    }

    private static void assertSucceeded(SmtpTestClient.Reply r) {
        assertThat(codeAndText(r)).startsWith("235 2.7.0");
    }

    private static void assertRefused(SmtpTestClient.Reply r) {
        assertThat(codeAndText(r)).startsWith("535 5.7.8");
    }

    private static List<String> authLine(SmtpTestClient.Reply ehlo) {
        return ehlo.lines().stream()
                .filter(l -> l.startsWith("AUTH "))
                .flatMap(l -> List.of(l.substring(5).split(" ")).stream())
                .toList();
    }

    /** The seed's result line, without its leading {@code <ip> [<session>] <time>}. */
    private void assertLogged(String result, String user, int method) {
        assertThat(logs.auth())
                .anySatisfy(l -> assertThat(l)
                        .matches("127\\.0\\.0\\.1 \\[[0-9A-Z]+] \\d{2}:\\d{2}:\\d{2}:\\d{3} .*")
                        .endsWith(
                                "Authentication [SMTP] - Result=" + result + ", User=" + user + ", Method=" + method));
    }

    /** After success the session is authenticated: relaying to a remote domain is allowed. */
    private static void assertMayRelay(SmtpTestClient c) throws Exception {
        c.command("MAIL FROM:<" + JOHN + ">").expect(250);
        c.command("RCPT TO:<friend@remote.example>").expect(250);
    }

    // ---- PLAIN and LOGIN

    @ParameterizedTest(name = "initial response {0}")
    @ValueSource(booleans = {true, false})
    void plainOverTlsWithTheJdkClient(boolean initialResponse) throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start();
                SmtpTestClient c = s.connectTls()) {
            assertRefused(wire.authenticate(
                    c, SmtpSaslWire.jdkClient("PLAIN", HOST, JOHN, "wrong-password"), initialResponse));
            assertSucceeded(
                    wire.authenticate(c, SmtpSaslWire.jdkClient("PLAIN", HOST, JOHN, JOHN_PASSWORD), initialResponse));
            assertMayRelay(c);
        }
        assertLogged("0", JOHN, 0);
        assertLogged("1", JOHN, 0);
    }

    @Test
    void loginWithTheUserNameAsInitialResponse() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start();
                SmtpTestClient c = s.connectTls()) {
            assertThat(c.command("AUTH LOGIN " + b64(JOHN)).expect(334).text()).isEqualTo(b64("Password:"));
            assertRefused(c.command(b64("wrong-password")));
            c.command("AUTH LOGIN " + b64(JOHN)).expect(334);
            assertSucceeded(c.command(b64(JOHN_PASSWORD)));
            assertMayRelay(c);
        }
        assertLogged("0", JOHN, 0);
        assertLogged("1", JOHN, 0);
    }

    @Test
    void loginAskingForUserNameAndPassword() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start();
                SmtpTestClient c = s.connectTls()) {
            assertThat(c.command("AUTH LOGIN").expect(334).text()).isEqualTo(b64("Username:"));
            assertThat(c.command(b64(JOHN)).expect(334).text()).isEqualTo(b64("Password:"));
            assertRefused(c.command(b64("wrong-password")));
            c.command("AUTH LOGIN").expect(334);
            c.command(b64(JOHN)).expect(334);
            assertSucceeded(c.command(b64(JOHN_PASSWORD)));
        }
        assertLogged("1", JOHN, 0);
    }

    @Test
    void plainAndLoginAreOnlyOfferedAndAcceptedOverTls() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start();
                SmtpTestClient c = s.connect()) {
            assertThat(authLine(c.command("EHLO client.example").expect(250)))
                    .doesNotContain("PLAIN", "LOGIN")
                    .contains("SCRAM-SHA-256");
            assertThat(codeAndText(c.command("AUTH LOGIN"))).startsWith("538 5.7.11");
            assertThat(codeAndText(c.command("AUTH PLAIN " + b64("\0" + JOHN + "\0" + JOHN_PASSWORD))))
                    .startsWith("538 5.7.11");
            c.command("STARTTLS").expect(220);
            c.startTls();
            assertThat(authLine(c.command("EHLO client.example").expect(250))).contains("PLAIN", "LOGIN");
        }
        assertThat(logs.auth())
                .as("a 538 refusal is not an authentication attempt")
                .isEmpty();
    }

    @Test
    void aBackendThatCannotAnswerIs454AndCountsNeitherAgainstTheSessionNorTheAccount() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start()) {
            // owned by a directory, and no directory bind is configured: the authenticator cannot decide
            Account owned = new Account(
                    EmailAddress.parse("dir@example.com"),
                    Set.of(),
                    List.of(),
                    0,
                    AccountState.ENABLED,
                    "Directory User",
                    new DirectoryIdentity("corp", "3f2a-11", Instant.EPOCH, true));
            s.server.accounts().createAccount(owned);
            s.server.authenticator().credentials().setPassword(s.server.accounts(), owned.address(), JOHN_PASSWORD);
            try (SmtpTestClient c = s.connectTls()) {
                for (int i = 0; i < 4; i++) {
                    SmtpTestClient.Reply r = wire.authenticate(
                            c, SmtpSaslWire.jdkClient("PLAIN", HOST, "dir@example.com", JOHN_PASSWORD), true);
                    assertThat(codeAndText(r)).startsWith("454 4.7.0");
                }
                // four temporary failures did not reach max-auth-failures (3): the session goes on
                assertSucceeded(wire.authenticate(c, SmtpSaslWire.jdkClient("PLAIN", HOST, JOHN, JOHN_PASSWORD), true));
            }
        }
        assertLogged("0", "dir@example.com", 0);
        assertThat(logs.auth()).noneMatch(l -> l.contains("increased failed login count"));
    }

    @Test
    void anAuthLineWhoseArgumentsAreNotSeparatedBySpacesIsRefusedAndNotLoggedWithItsPayload() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start();
                SmtpTestClient c = s.connectTls()) {
            // RFC 5321 separates arguments with SP; a tab makes "PLAIN<tab><credentials>" one unknown mechanism name
            SmtpTestClient.Reply r = c.command("AUTH PLAIN\t" + b64("\0" + JOHN + "\0" + JOHN_PASSWORD));
            assertThat(codeAndText(r)).startsWith("504 5.5.4");
            assertSucceeded(c.command("AUTH PLAIN " + b64("\0" + JOHN + "\0" + JOHN_PASSWORD)));
        }
        assertThat(logs.smtp()).anySatisfy(l -> assertThat(l).endsWith("< AUTH PLAIN (initial response)"));
    }

    // ---- CRAM-MD5, DIGEST-MD5, NTLM: the JDK's servers over the reversible secret

    @ParameterizedTest
    @CsvSource({"CRAM-MD5, 2", "DIGEST-MD5, 4", "NTLM, 3"})
    void reversibleSecretMechanismWithTheJdkClient(String mechanism, int method) throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options()
                        .enable("CRAM-MD5", "DIGEST-MD5", "NTLM")
                        .reversibleSecrets()
                        .start();
                SmtpTestClient c = s.connect()) {
            assertThat(authLine(c.command("EHLO client.example").expect(250))).contains(mechanism);
            assertRefused(wire.authenticate(c, SmtpSaslWire.jdkClient(mechanism, HOST, JOHN, "wrong-password"), true));
            assertSucceeded(wire.authenticate(c, SmtpSaslWire.jdkClient(mechanism, HOST, JOHN, JOHN_PASSWORD), true));
            assertMayRelay(c);
        }
        assertLogged("1", JOHN, method);
        assertThat(logs.auth())
                .anySatisfy(l -> assertThat(l).contains("Result=0").endsWith("Method=" + method));
    }

    @Test
    void reversibleSecretMechanismsAreNeitherOfferedNorAcceptedWithoutReversibleSecrets() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options()
                        .enable("CRAM-MD5", "DIGEST-MD5", "NTLM")
                        .start();
                SmtpTestClient c = s.connect()) {
            assertThat(authLine(c.command("EHLO client.example").expect(250)))
                    .contains("SCRAM-SHA-1", "SCRAM-SHA-256")
                    .doesNotContain("CRAM-MD5", "DIGEST-MD5", "NTLM");
            c.command("STARTTLS").expect(220);
            c.startTls();
            assertThat(authLine(c.command("EHLO client.example").expect(250)))
                    .contains("PLAIN")
                    .doesNotContain("CRAM-MD5", "DIGEST-MD5", "NTLM");
            for (String m : List.of("CRAM-MD5", "DIGEST-MD5", "NTLM")) {
                assertThat(codeAndText(c.command("AUTH " + m))).as(m).startsWith("504 5.5.4");
            }
        }
    }

    // ---- SCRAM

    @ParameterizedTest
    @CsvSource({"SCRAM-SHA-1, 8", "SCRAM-SHA-256, 9"})
    void scramWithAClientWrittenFromTheRfcVerifiesBothWays(String mechanism, int method) throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start();
                SmtpTestClient c = s.connect()) {
            assertThat(authLine(c.command("EHLO client.example").expect(250))).contains(mechanism);
            assertRefused(wire.authenticate(c, new SmtpSaslScramClient(mechanism, JOHN, "wrong-password"), true));
            SmtpSaslScramClient right = new SmtpSaslScramClient(mechanism, JOHN, JOHN_PASSWORD);
            assertSucceeded(wire.authenticate(c, right, true));
            // the server proved it holds the keys: its v= signature was checked by the client
            assertThat(right.isComplete()).isTrue();
            assertThat(wire.challenges()).last().asString().startsWith("v=");
            assertMayRelay(c);
        }
        assertLogged("0", JOHN, method);
        assertLogged("1", JOHN, method);
    }

    @Test
    void scramWithoutInitialResponseStartsWithAnEmptyChallenge() throws Exception {
        try (SmtpSaslServer s = SmtpSaslServer.options().start();
                SmtpTestClient c = s.connect()) {
            c.command("EHLO client.example").expect(250);
            assertSucceeded(wire.authenticate(c, new SmtpSaslScramClient("SCRAM-SHA-256", JOHN, JOHN_PASSWORD), false));
        }
    }

    // ---- OAUTHBEARER and XOAUTH2 with the stock JWT verifier

    private KeyPair rsa;

    private SmtpSaslServer bearerServer() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path key = Files.writeString(dir.resolve("idp.pem"), pem);
        return SmtpSaslServer.options()
                .enable("OAUTHBEARER", "XOAUTH2")
                .sasl(b -> b.oauth(SaslSettings.OAuth.jwt(ISSUER, AUDIENCE, key)))
                .start();
    }

    private String token(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject("id-1234")
                .claim("email", JOHN)
                .issueTime(Date.from(now.minusSeconds(30)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                change.apply(claims).build());
        jwt.sign(new RSASSASigner(rsa.getPrivate()));
        String serialized = jwt.serialize();
        secrets.add(serialized);
        return serialized;
    }

    /** RFC 7628 section 3.1: {@code n,a=<authzid>,^Aauth=Bearer <token>^A^A}; a refusal is answered with ^A. */
    private static javax.security.sasl.SaslClient oauthbearer(String token) {
        byte[] message =
                ("n,a=" + JOHN + ",\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
        return SmtpSaslWire.fixed("OAUTHBEARER", message, new byte[] {1});
    }

    /** Google's XOAUTH2: {@code user=<user>^Aauth=Bearer <token>^A^A}; a refusal is answered with an empty line. */
    private static javax.security.sasl.SaslClient xoauth2(String token) {
        byte[] message =
                ("user=" + JOHN + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
        return SmtpSaslWire.fixed("XOAUTH2", message, new byte[0]);
    }

    private javax.security.sasl.SaslClient bearer(String mechanism, String token) {
        return mechanism.equals("OAUTHBEARER") ? oauthbearer(token) : xoauth2(token);
    }

    @ParameterizedTest
    @CsvSource({"OAUTHBEARER, 10", "XOAUTH2, 11"})
    void bearerTokenValidExpiredAndForAnotherAudience(String mechanism, int method) throws Exception {
        try (SmtpSaslServer s = bearerServer();
                SmtpTestClient c = s.connectTls()) {
            String expired = token(b -> b.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
            assertRefused(wire.authenticate(c, bearer(mechanism, expired), true));
            assertThat(wire.challenges())
                    .singleElement()
                    .asString()
                    .contains("\"status\":\"" + (mechanism.equals("OAUTHBEARER") ? "invalid_token" : "401") + "\"");
            String otherAudience = token(b -> b.audience("calendar"));
            assertRefused(wire.authenticate(c, bearer(mechanism, otherAudience), true));
            assertSucceeded(wire.authenticate(c, bearer(mechanism, token(b -> b)), true));
            assertMayRelay(c);
        }
        assertLogged("1", JOHN, method);
        assertThat(logs.auth())
                .filteredOn(l -> l.endsWith("Method=" + method) && l.contains("Result=0"))
                .hasSize(2);
    }

    @Test
    void bearerMechanismsAreOnlyOfferedAndAcceptedOverTls() throws Exception {
        try (SmtpSaslServer s = bearerServer();
                SmtpTestClient c = s.connect()) {
            assertThat(authLine(c.command("EHLO client.example").expect(250))).doesNotContain("OAUTHBEARER", "XOAUTH2");
            String token = token(b -> b);
            assertThat(codeAndText(wire.authenticate(c, oauthbearer(token), true)))
                    .startsWith("538 5.7.11");
            assertThat(codeAndText(wire.authenticate(c, xoauth2(token), true))).startsWith("538 5.7.11");
            c.command("STARTTLS").expect(220);
            c.startTls();
            assertThat(authLine(c.command("EHLO client.example").expect(250))).contains("OAUTHBEARER", "XOAUTH2");
        }
    }
}
