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
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command-line clients a user would try: curl's own SASL code (PLAIN, LOGIN, CRAM-MD5, DIGEST-MD5, NTLM,
 * OAUTHBEARER, XOAUTH2) over STARTTLS, and swaks' CRAM-MD5. Each sends a message to {@code john@example.com} after
 * AUTH, so a refused AUTH is a non-zero exit status (curl 67, "login denied"). A test is skipped when its tool is
 * missing.
 */
class SmtpSaslCommandLineTest {
    /** curl's exit status for a refused login. */
    private static final int CURL_LOGIN_DENIED = 67;

    @TempDir
    Path dir;

    private record Run(int status, String output) {}

    private static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command.get(0))
                .isTrue();
        return new Run(p.exitValue(), out);
    }

    /**
     * curl over STARTTLS to {@code smtp://mx.example.com:<port>} (resolved to 127.0.0.1, so DIGEST-MD5's digest-uri
     * names the server's host name) with one mechanism, sending a short message to John.
     */
    private Run curl(SmtpSaslServer s, String mechanism, List<String> credentials) throws Exception {
        Path message = Files.writeString(dir.resolve("message.eml"), "Subject: curl\r\n\r\nhello\r\n");
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "--silent",
                "--show-error",
                "--max-time",
                "30",
                "--ssl-reqd",
                "--insecure",
                "--resolve",
                HOST + ":" + s.port() + ":127.0.0.1",
                "--login-options",
                "AUTH=" + mechanism,
                "--mail-from",
                JOHN,
                "--mail-rcpt",
                JOHN,
                "--upload-file",
                message.toString()));
        command.addAll(credentials);
        command.add("smtp://" + HOST + ":" + s.port());
        return run(command);
    }

    private static void assumeCurlSpeaks(String feature) {
        Assumptions.assumeTrue(available("curl", "--version"), "curl is not available");
        if (!feature.isEmpty()) {
            try {
                Run version = run(List.of("curl", "--version"));
                Assumptions.assumeTrue(version.output().contains(feature), "curl without " + feature);
            } catch (Exception e) {
                Assumptions.abort("curl --version failed: " + e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "NTLM"})
    void curlLogsInWithThePasswordAndIsRefusedWithAWrongOne(String mechanism) throws Exception {
        assumeCurlSpeaks(mechanism.equals("NTLM") ? "NTLM" : "");
        try (SmtpSaslLogs logs = new SmtpSaslLogs();
                SmtpSaslServer s = SmtpSaslServer.options()
                        .enable("CRAM-MD5", "DIGEST-MD5", "NTLM")
                        .reversibleSecrets()
                        .start()) {
            Run wrong = curl(s, mechanism, List.of("--user", JOHN + ":wrong-password"));
            assertThat(wrong.status()).as(wrong.output()).isEqualTo(CURL_LOGIN_DENIED);
            Run right = curl(s, mechanism, List.of("--user", JOHN + ":" + JOHN_PASSWORD));
            assertThat(right.status()).as(right.output()).isZero();
            assertThat(s.inbox(JOHN)).hasSize(1);
            assertThat(logs.auth()).anySatisfy(l -> assertThat(l).contains("Result=1, User=" + JOHN));
            logs.assertNoneContains(List.of(JOHN_PASSWORD, "wrong-password"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"OAUTHBEARER", "XOAUTH2"})
    void curlSendsABearerTokenAndAnExpiredOneIsRefused(String mechanism) throws Exception {
        assumeCurlSpeaks("");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair rsa = g.generateKeyPair();
        Path key = Files.writeString(
                dir.resolve("idp.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(rsa.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        try (SmtpSaslLogs logs = new SmtpSaslLogs();
                SmtpSaslServer s = SmtpSaslServer.options()
                        .enable("OAUTHBEARER", "XOAUTH2")
                        .sasl(b -> b.oauth(SaslSettings.OAuth.jwt("https://idp.example.com", "mail", key)))
                        .start()) {
            String expired = jwt(rsa, Instant.now().minus(Duration.ofHours(1)));
            Run refused = curl(s, mechanism, List.of("--user", JOHN + ":", "--oauth2-bearer", expired));
            assertThat(refused.status()).as(refused.output()).isEqualTo(CURL_LOGIN_DENIED);
            String valid = jwt(rsa, Instant.now().plus(Duration.ofMinutes(10)));
            Run ok = curl(s, mechanism, List.of("--user", JOHN + ":", "--oauth2-bearer", valid));
            assertThat(ok.status()).as(ok.output()).isZero();
            assertThat(s.inbox(JOHN)).hasSize(1);
            logs.assertNoneContains(List.of(expired, valid));
        }
    }

    private static String jwt(KeyPair rsa, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer("https://idp.example.com")
                        .audience("mail")
                        .claim("email", JOHN)
                        .issueTime(Date.from(expires.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(rsa.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void swaksLogsInWithCramMd5() throws Exception {
        Assumptions.assumeTrue(available("swaks", "--version"), "swaks is not available");
        Assumptions.assumeTrue(available("perl", "-MDigest::HMAC_MD5", "-e", "1"), "swaks needs Digest::HMAC_MD5");
        try (SmtpSaslLogs logs = new SmtpSaslLogs();
                SmtpSaslServer s = SmtpSaslServer.options()
                        .enable("CRAM-MD5")
                        .reversibleSecrets()
                        .start()) {
            List<String> base = List.of(
                    "swaks",
                    "--server",
                    "127.0.0.1:" + s.port(),
                    "--helo",
                    "swaks.example",
                    "--from",
                    JOHN,
                    "--to",
                    JOHN,
                    "--auth",
                    "CRAM-MD5",
                    "--auth-user",
                    JOHN,
                    "--quit-after",
                    "AUTH",
                    "--auth-password");
            List<String> wrong = new ArrayList<>(base);
            wrong.add("wrong-password");
            Run refused = run(wrong);
            assertThat(refused.output()).contains("535 5.7.8");
            assertThat(refused.status()).isNotZero();
            List<String> right = new ArrayList<>(base);
            right.add(JOHN_PASSWORD);
            Run ok = run(right);
            assertThat(ok.output()).contains("235 2.7.0");
            assertThat(ok.status()).as(ok.output()).isZero();
            assertThat(logs.auth()).anySatisfy(l -> assertThat(l).endsWith("Result=1, User=" + JOHN + ", Method=2"));
            logs.assertNoneContains(List.of(JOHN_PASSWORD, "wrong-password"));
        }
    }
}
