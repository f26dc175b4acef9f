package org.icewarp.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.icewarp.core.auth.sasl.AuthAttempt;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.TokenKind;
import org.icewarp.core.auth.sasl.TokenVerdict;
import org.icewarp.core.auth.sasl.TokenVerifier;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.EmailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bearer tokens (OAUTHBEARER, XOAUTH2) through the authenticator and the stock JWT verifier: keys and tokens are made
 * in the test, time comes from a {@link TestClock}, everything runs on the calling thread.
 */
class BearerTokenTest {
    private static final String ISSUER = "https://idp.t.com";
    private static final String AUDIENCE = "mail";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private final AccountStore store = Fixtures.store("t.com");
    private final TestClock clock = new TestClock(NOW);
    private final Fixtures.LogCapture log = new Fixtures.LogCapture();
    private final CredentialService credentials = CredentialService.create(Fixtures.fast());
    private KeyPair rsa;
    private Authenticator auth;

    @BeforeEach
    void accounts() throws Exception {
        store.createAccount(Account.of("b@t.com"));
        store.createAccount(Account.of("off@t.com").withState(AccountState.DISABLED));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
    }

    @AfterEach
    void close() {
        log.close();
        if (auth != null) {
            auth.close();
        }
    }

    private Path pem(KeyPair pair) throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded());
        Path f = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(f, "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
        return f;
    }

    private Authenticator build(Path keyFile) {
        return build(Authenticator.builder(store)
                .sasl(SaslSettings.builder()
                        .oauth(SaslSettings.OAuth.jwt(ISSUER, AUDIENCE, keyFile))
                        .build()));
    }

    private Authenticator build(Authenticator.Builder b) {
        auth = b.settings(AuthSettings.builder().logLevel(LogLevel.DEBUG).build())
                .credentials(credentials)
                .serviceLoader(false)
                .executor(Runnable::run)
                .clock(clock)
                .build();
        return auth;
    }

    private static JWTClaimsSet.Builder claims(String email) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of("other", AUDIENCE))
                .subject("id-1234")
                .claim("email", email)
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(10))));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private String rs256(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return sign(
                new RSASSASigner(rsa.getPrivate()),
                JWSAlgorithm.RS256,
                change.apply(claims("b@t.com")).build());
    }

    private AuthResult login(String token) {
        return login(token, "");
    }

    private AuthResult login(String token, String claimedUser) {
        AuthRequest r = new AuthRequest(
                "imap",
                Fixtures.ip("192.0.2.9"),
                "7A",
                true,
                claimedUser,
                Mechanism.OAUTHBEARER,
                new Evidence.Token(token, TokenKind.OAUTHBEARER, claimedUser));
        return auth.authenticate(r).toCompletableFuture().join();
    }

    private static void assertRefused(AuthResult result) {
        assertThat(result).isEqualTo(new AuthResult.Failure(AuthResult.Reason.INVALID_CREDENTIALS));
    }

    @Test
    void aValidRs256TokenLogsInItsAccountAndIsLoggedAsMethod10() throws Exception {
        build(pem(rsa));
        AuthResult result = login(rs256(c -> c.claim("email", "B@T.com")));
        assertThat(result)
                .isInstanceOfSatisfying(
                        AuthResult.Success.class,
                        s -> assertThat(s.account().address().toString()).isEqualTo("b@t.com"));
        assertThat(log.lines())
                .anySatisfy(l -> assertThat(l).endsWith("Authentication [IMAP] - Result=1, User=b@t.com, Method=10"));
        assertThat(log.lines()).noneSatisfy(l -> assertThat(l).contains("eyJ"));
    }

    @Test
    void es256AndHs256KeysAreAcceptedWithTheirOwnAlgorithm() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = g.generateKeyPair();
        build(pem(ec));
        String es = sign(
                new ECDSASigner((ECPrivateKey) ec.getPrivate()),
                JWSAlgorithm.ES256,
                claims("b@t.com").build());
        assertThat(login(es).succeeded()).isTrue();
        auth.close();

        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 'k');
        Path secretFile = dir.resolve("hs256.secret");
        Files.write(
                secretFile, (new String(secret, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
        build(secretFile);
        assertThat(auth.tokenVerifier().orElseThrow().toString()).contains("HS256");
        assertThat(login(sign(
                                new MACSigner(secret),
                                JWSAlgorithm.HS256,
                                claims("b@t.com").build()))
                        .succeeded())
                .isTrue();
        // an RS256 token cannot pass as an HS256 one, nor the other way round
        assertRefused(login(rs256(c -> c)));
    }

    @Test
    void anHs256TokenIsRefusedByAnRsaKey() throws Exception {
        build(pem(rsa));
        byte[] secret = rsa.getPublic().getEncoded();
        assertRefused(login(sign(
                new MACSigner(secret), JWSAlgorithm.HS256, claims("b@t.com").build())));
    }

    @Test
    void anExpiredTokenIsRefusedButTheClockSkewIsAllowed() throws Exception {
        build(pem(rsa));
        String token = rs256(c -> c.expirationTime(Date.from(NOW.minusSeconds(30))));
        assertThat(login(token).succeeded()).isTrue(); // 30 s late, within the default 60 s skew
        clock.advance(Duration.ofSeconds(31));
        assertRefused(login(token));
        assertRefused(login(rs256(c -> c.expirationTime(null))));
    }

    @Test
    void aTokenNotValidYetIsRefused() throws Exception {
        build(pem(rsa));
        assertRefused(login(rs256(c -> c.notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(5)))))));
        assertThat(login(rs256(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(30)))))
                        .succeeded())
                .isTrue();
    }

    @Test
    void aWrongAudienceIsRefused() throws Exception {
        build(pem(rsa));
        assertRefused(login(rs256(c -> c.audience("calendar"))));
    }

    @Test
    void aWrongIssuerIsRefused() throws Exception {
        build(pem(rsa));
        assertRefused(login(rs256(c -> c.issuer("https://evil.example"))));
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        build(pem(rsa));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair other = g.generateKeyPair();
        assertRefused(login(sign(
                new RSASSASigner(other.getPrivate()),
                JWSAlgorithm.RS256,
                claims("b@t.com").build())));
        String good = rs256(c -> c);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims("off@t.com").build().toString().getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertRefused(login(tampered));
        assertRefused(login("not-a-jwt"));
    }

    @Test
    void anUnknownAccountIsRefusedAndCounted() throws Exception {
        build(pem(rsa));
        assertRefused(login(rs256(c -> c.claim("email", "nobody@t.com"))));
        assertThat(log.lines())
                .anySatisfy(l -> assertThat(l).contains("increased failed login count to 1, user=nobody@t.com"))
                .anySatisfy(l -> assertThat(l).endsWith("Result=0, User=nobody@t.com, Method=10"));
    }

    @Test
    void aDisabledAccountIsRefused() throws Exception {
        build(pem(rsa));
        assertRefused(login(rs256(c -> c.claim("email", "off@t.com"))));
    }

    @Test
    void aDirectoryOwnedAccountLogsInWithAToken() throws Exception {
        store.createAccount(new Account(
                EmailAddress.parse("dir@t.com"),
                Set.of(),
                List.of(),
                0,
                AccountState.ENABLED,
                "Dir",
                new DirectoryIdentity("corp", "uuid-1", Instant.EPOCH, true)));
        build(pem(rsa));
        assertThat(login(rs256(c -> c.claim("email", "dir@t.com"))).succeeded()).isTrue();
    }

    @Test
    void theLoginFallsBackToSubWhenTheClaimIsMissing() throws Exception {
        build(pem(rsa));
        assertThat(login(rs256(c -> c.claim("email", null).subject("b@t.com"))).succeeded())
                .isTrue();
        assertRefused(login(rs256(c -> c.claim("email", null))));
    }

    @Test
    void aRefusedTokenIsCountedForTheClaimedUserAndBlocksLikeWrongPasswords() throws Exception {
        build(pem(rsa));
        String expired = rs256(c -> c.expirationTime(Date.from(NOW.minus(Duration.ofHours(1)))));
        for (int i = 0; i < AuthSettings.defaults().maxAccountFailures(); i++) {
            assertRefused(login(expired, "b@t.com"));
        }
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("blocked for 30 minutes, user=b@t.com"));
        assertRefused(login(rs256(c -> c), "b@t.com"));
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("login refused while blocked, user=b@t.com"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aVerifierThatThrowsOrFailsGivesATemporaryFailure(boolean throwsDirectly) {
        TokenVerifier broken = new TokenVerifier() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public CompletionStage<TokenVerdict> verify(
                    String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
                if (throwsDirectly) {
                    throw new IllegalStateException("idp down");
                }
                return CompletableFuture.failedFuture(new IllegalStateException("idp down"));
            }
        };
        build(Authenticator.builder(store).tokenVerifier(broken));
        assertThat(login("any")).isInstanceOf(AuthResult.TemporaryFailure.class);
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).endsWith("Result=0, User=, Method=10"));
    }

    @Test
    void withoutAVerifierEveryTokenIsRefused() throws Exception {
        build(Authenticator.builder(store));
        assertThat(auth.tokenVerifier()).isEmpty();
        assertRefused(login(rs256(c -> c)));
    }

    @Test
    void theVerifierIsChosenByIdAmongRegisteredAndServiceLoadedOnes() {
        TokenVerifier mine = new TokenVerifier() {
            @Override
            public String id() {
                return "mine";
            }

            @Override
            public CompletionStage<TokenVerdict> verify(
                    String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
                return CompletableFuture.completedFuture(new TokenVerdict.Valid("b@t.com"));
            }
        };
        auth = Authenticator.builder(store)
                .tokenVerifier(mine)
                .sasl(SaslSettings.builder()
                        .oauth(SaslSettings.OAuth.verifier("fixed"))
                        .build())
                .executor(Runnable::run)
                .build();
        assertThat(auth.tokenVerifier().orElseThrow().id()).isEqualTo("fixed"); // from META-INF/services
        auth.close();
        auth = Authenticator.builder(store)
                .tokenVerifier(mine)
                .sasl(SaslSettings.builder()
                        .oauth(SaslSettings.OAuth.verifier("mine"))
                        .build())
                .serviceLoader(false)
                .executor(Runnable::run)
                .build();
        assertThat(auth.tokenVerifier()).contains(mine);
        assertThat(login("whatever").succeeded()).isTrue();
        assertThatThrownBy(() -> Authenticator.builder(store)
                        .sasl(SaslSettings.builder()
                                .oauth(SaslSettings.OAuth.verifier("fixed"))
                                .build())
                        .serviceLoader(false)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oauth.verifier")
                .hasMessageContaining("fixed");
    }

    @Test
    void anUnusableKeyFileFailsTheBuildNamingTheKey() throws Exception {
        Path shortSecret = dir.resolve("short");
        Files.writeString(shortSecret, "too short");
        assertThatThrownBy(() -> build(shortSecret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("oauth.key-file");
        assertThatThrownBy(() -> build(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("oauth.key-file");
    }

    // ---- through the SASL mechanisms

    private SaslExchange exchange(String mechanism) {
        SaslSettings settings = auth.saslSettings(
                SaslSettings.builder().enable("OAUTHBEARER").enable("XOAUTH2").build());
        SaslContext context = new SaslContext(
                "imap",
                "mail.t.com",
                new InetSocketAddress(Fixtures.ip("192.0.2.9"), 40_000),
                true,
                settings,
                auth.saslBackend("imap", "7A"),
                Runnable::run);
        return SaslMechanisms.load(BearerTokenTest.class.getClassLoader())
                .newExchange(mechanism, context)
                .orElseThrow();
    }

    private static byte[] oauthBearer(String authzid, String token) {
        String gs2 = authzid.isEmpty() ? "n,," : "n,a=" + authzid + ",";
        return (gs2 + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oauthbearerAndXoauth2LogInThroughTheSaslBackend() throws Exception {
        build(pem(rsa));
        SaslStep ok = exchange("OAUTHBEARER")
                .start(oauthBearer("", rs256(c -> c)))
                .toCompletableFuture()
                .join();
        assertThat(ok)
                .isInstanceOfSatisfying(
                        SaslStep.Success.class,
                        s -> assertThat(s.authenticationId()).isEqualTo("b@t.com"));
        byte[] xoauth2 =
                ("user=b@t.com\u0001auth=Bearer " + rs256(c -> c) + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
        assertThat(exchange("XOAUTH2").start(xoauth2).toCompletableFuture().join())
                .isInstanceOf(SaslStep.Success.class);
        assertThat(log.lines()).anySatisfy(l -> assertThat(l).endsWith("Result=1, User=b@t.com, Method=11"));
    }

    @Test
    void aRefusedTokenGetsTheErrorChallengeThenWrongCredentials() throws Exception {
        build(pem(rsa));
        SaslExchange exchange = exchange("OAUTHBEARER");
        SaslStep error = exchange.start(oauthBearer("b@t.com", rs256(c -> c.audience("x"))))
                .toCompletableFuture()
                .join();
        assertThat(error)
                .isInstanceOfSatisfying(
                        SaslStep.Challenge.class,
                        c -> assertThat(new String(c.data(), StandardCharsets.UTF_8))
                                .contains("invalid_token"));
        assertThat(exchange.respond(new byte[] {1}).toCompletableFuture().join())
                .isInstanceOfSatisfying(
                        SaslStep.Failure.class,
                        f -> assertThat(f.reason()).isEqualTo(SaslStep.Failure.Reason.WRONG_CREDENTIALS));
    }

    @Test
    void aFailingVerifierIsATemporaryFailureOfTheExchange() {
        build(Authenticator.builder(store).tokenVerifier(new TokenVerifier() {
            @Override
            public String id() {
                return "down";
            }

            @Override
            public CompletionStage<TokenVerdict> verify(
                    String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
                throw new IllegalStateException("idp down");
            }
        }));
        assertThat(exchange("OAUTHBEARER")
                        .start(oauthBearer("", "abc"))
                        .toCompletableFuture()
                        .join())
                .isInstanceOfSatisfying(
                        SaslStep.Failure.class,
                        f -> assertThat(f.reason()).isEqualTo(SaslStep.Failure.Reason.TEMPORARY));
    }
}
