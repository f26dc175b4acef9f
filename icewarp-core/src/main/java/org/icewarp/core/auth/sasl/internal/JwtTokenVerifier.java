package org.icewarp.core.auth.sasl.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.AuthAttempt;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.auth.sasl.TokenKind;
import org.icewarp.core.auth.sasl.TokenVerdict;
import org.icewarp.core.auth.sasl.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock {@link TokenVerifier} (id {@code jwt}): a JWS-signed JWT checked locally with Nimbus JOSE+JWT.
 *
 * <p>One key, one algorithm, decided by the key file, so a token cannot pick a weaker algorithm than the operator's
 * (RFC 8725 section 3.1): a PEM RSA public key (or certificate) accepts RS256 only, a PEM EC P-256 key ES256 only, any
 * other file is an HS256 secret (its bytes, trailing line breaks removed, at least 32). Then, with the injected clock:
 * {@code exp} is required and must not be more than the skew in the past, {@code nbf} (when present) not more than the
 * skew in the future, {@code iss} must equal the configured issuer and {@code aud} contain the configured audience.
 * The login is the configured claim (a string), or {@code sub} when the token has no such claim.
 *
 * <p>The verdict carries the login as the token says it; the authenticator maps it to an account under the login-name
 * policy. A claimed user that differs is left to the mechanism ({@code SaslBackend.mayActAs}). Every refusal is
 * {@code invalid_token}; the reason goes to DEBUG, never the token. Runs on the caller's thread: one signature check,
 * no I/O.
 */
public final class JwtTokenVerifier implements TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenVerifier.class);

    private final JWSAlgorithm algorithm;
    private final JWSVerifier verifier;
    private final String issuer;
    private final String audience;
    private final String claim;
    private final Duration skew;
    private final Clock clock;

    private JwtTokenVerifier(JWSAlgorithm algorithm, JWSVerifier verifier, SaslSettings.OAuth settings, Clock clock) {
        this.algorithm = algorithm;
        this.verifier = verifier;
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.claim = settings.claim();
        this.skew = settings.clockSkew();
        this.clock = clock;
    }

    /**
     * Reads the key file and builds the verifier.
     *
     * @param settings the settings; {@code verifier} must be {@code jwt}
     * @param clock the clock {@code exp} and {@code nbf} are checked against
     * @return the verifier
     * @throws IllegalArgumentException naming {@code oauth.key-file} when the file cannot be read or holds no usable
     *     key
     */
    public static JwtTokenVerifier create(SaslSettings.OAuth settings, Clock clock) {
        Path file = settings.keyFile()
                .orElseThrow(() -> new IllegalArgumentException("oauth.key-file: required by the jwt verifier"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("oauth.key-file: cannot read " + file + ": " + e, e);
        }
        try {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                PublicKey key = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(bytes))
                        .getPublicKey();
                return forPublicKey(key, settings, clock, file);
            }
            if (text.contains("-----BEGIN PUBLIC KEY-----")) {
                return forPublicKey(publicKey(text), settings, clock, file);
            }
            if (text.contains("-----BEGIN")) {
                throw new IllegalArgumentException("oauth.key-file: " + file
                        + " holds a PEM object that is neither a PUBLIC KEY nor a CERTIFICATE");
            }
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            byte[] secret = Arrays.copyOf(bytes, end);
            if (secret.length < 32) {
                throw new IllegalArgumentException(
                        "oauth.key-file: an HS256 secret needs at least 32 bytes, " + file + " has " + secret.length);
            }
            return new JwtTokenVerifier(JWSAlgorithm.HS256, new MACVerifier(secret), settings, clock);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalArgumentException("oauth.key-file: no usable key in " + file + ": " + e.getMessage(), e);
        }
    }

    private static JwtTokenVerifier forPublicKey(PublicKey key, SaslSettings.OAuth settings, Clock clock, Path file)
            throws JOSEException {
        if (key instanceof RSAPublicKey rsa) {
            return new JwtTokenVerifier(JWSAlgorithm.RS256, new RSASSAVerifier(rsa), settings, clock);
        }
        if (key instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() == 256) {
            return new JwtTokenVerifier(JWSAlgorithm.ES256, new ECDSAVerifier(ec), settings, clock);
        }
        throw new IllegalArgumentException(
                "oauth.key-file: " + file + " holds a " + key.getAlgorithm() + " key; RSA or EC P-256 is needed");
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----") + "-----BEGIN PUBLIC KEY-----".length();
        int end = pem.indexOf("-----END PUBLIC KEY-----", begin);
        if (end < 0) {
            throw new GeneralSecurityException("PUBLIC KEY block is not terminated");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin, end));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("PUBLIC KEY block is not base64", e);
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    @Override
    public String id() {
        return SaslSettings.OAuth.JWT;
    }

    /** The one algorithm this verifier accepts, as fixed by its key. */
    public String algorithm() {
        return algorithm.getName();
    }

    @Override
    public CompletionStage<TokenVerdict> verify(String token, TokenKind kind, String claimedUser, AuthAttempt attempt) {
        return CompletableFuture.completedFuture(check(token, attempt));
    }

    private TokenVerdict check(String token, AuthAttempt attempt) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refuse(attempt, "not a signed JWT");
        }
        if (!algorithm.equals(jwt.getHeader().getAlgorithm())) {
            return refuse(attempt, "algorithm " + jwt.getHeader().getAlgorithm() + " instead of " + algorithm);
        }
        try {
            if (!jwt.verify(verifier)) {
                return refuse(attempt, "bad signature");
            }
        } catch (JOSEException e) {
            return refuse(attempt, "signature not verifiable");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return refuse(attempt, "no exp");
        }
        if (now.minus(skew).isAfter(exp.toInstant())) {
            return refuse(attempt, "expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            return refuse(attempt, "not valid yet");
        }
        if (!issuer.equals(claims.getIssuer())) {
            return refuse(attempt, "wrong issuer");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            return refuse(attempt, "wrong audience");
        }
        String login;
        try {
            login = claims.getStringClaim(claim);
        } catch (ParseException e) {
            return refuse(attempt, "claim " + claim + " is not a string");
        }
        if (login == null || login.isBlank()) {
            login = claims.getSubject();
        }
        if (login == null || login.isBlank()) {
            return refuse(attempt, "neither " + claim + " nor sub");
        }
        return new TokenVerdict.Valid(login.trim());
    }

    private static TokenVerdict refuse(AuthAttempt attempt, String why) {
        LOG.debug(
                "{} bearer token from {} refused: {}",
                attempt.protocol(),
                attempt.remote().getHostString(),
                why);
        return TokenVerdict.Invalid.invalidToken();
    }

    @Override
    public String toString() {
        return "JwtTokenVerifier[" + algorithm + ", iss=" + issuer + ", aud=" + audience + ", claim=" + claim + "]";
    }
}
