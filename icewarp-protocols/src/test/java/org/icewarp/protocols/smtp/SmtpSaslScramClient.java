package org.icewarp.protocols.smtp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * A client-side SCRAM-SHA-1 / SCRAM-SHA-256 for the tests, written from RFC 5802 section 3 (and RFC 7677 for the
 * SHA-256 variant) with the JDK's PBKDF2 and HMAC, independent of the server's code. No channel binding ({@code n,,}),
 * no authorization identity; the user name is escaped as section 5.1 says and the password is used as given (the
 * tests use ASCII, so SASLprep leaves it unchanged).
 *
 * <p>Three steps: the client-first message as the initial response, the client-final message for the server-first
 * challenge, and an empty response to the server-final challenge after checking the server's signature (a wrong
 * signature throws, so a server that does not know the key cannot pass).
 */
final class SmtpSaslScramClient implements SaslClient {
    private static final String GS2_HEADER = "n,,";

    private final String mechanism;
    private final String digest;
    private final String hmac;
    private final String pbkdf2;
    private final String clientFirstBare;
    private final String clientNonce;
    private final String password;
    private int step;
    private byte[] expectedServerSignature;
    private boolean complete;

    SmtpSaslScramClient(String mechanism, String user, String password) {
        boolean sha256 = switch (mechanism) {
            case "SCRAM-SHA-256" -> true;
            case "SCRAM-SHA-1" -> false;
            default -> throw new IllegalArgumentException(mechanism);
        };
        this.mechanism = mechanism;
        this.digest = sha256 ? "SHA-256" : "SHA-1";
        this.hmac = sha256 ? "HmacSHA256" : "HmacSHA1";
        this.pbkdf2 = sha256 ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1";
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
        this.clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        this.password = password;
    }

    @Override
    public String getMechanismName() {
        return mechanism;
    }

    @Override
    public boolean hasInitialResponse() {
        return true;
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
        try {
            return switch (step++) {
                case 0 -> utf8(GS2_HEADER + clientFirstBare);
                case 1 -> clientFinal(new String(challenge, StandardCharsets.UTF_8));
                case 2 -> verifyServerFinal(new String(challenge, StandardCharsets.UTF_8));
                default -> throw new SaslException("SCRAM has no step " + step);
            };
        } catch (SaslException e) {
            throw e;
        } catch (Exception e) {
            throw new SaslException("SCRAM client failed", e);
        }
    }

    private byte[] clientFinal(String serverFirst) throws Exception {
        Map<String, String> attributes = new HashMap<>();
        for (String part : serverFirst.split(",")) {
            attributes.put(part.substring(0, 1), part.substring(2));
        }
        String nonce = attributes.get("r");
        if (nonce == null || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new SaslException("server nonce does not extend the client nonce: " + serverFirst);
        }
        byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
        int iterations = Integer.parseInt(attributes.get("i"));
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(utf8(GS2_HEADER)) + ",r=" + nonce;
        int bits = MessageDigest.getInstance(digest).getDigestLength() * 8;
        byte[] salted = SecretKeyFactory.getInstance(pbkdf2)
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits))
                .getEncoded();
        byte[] clientKey = mac(salted, utf8("Client Key"));
        byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
        byte[] authMessage = utf8(clientFirstBare + "," + serverFirst + "," + withoutProof);
        byte[] clientSignature = mac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        expectedServerSignature = mac(mac(salted, utf8("Server Key")), authMessage);
        return utf8(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    }

    private byte[] verifyServerFinal(String serverFinal) throws SaslException {
        if (!serverFinal.startsWith("v=")
                || !MessageDigest.isEqual(
                        Base64.getDecoder().decode(serverFinal.substring(2)), expectedServerSignature)) {
            throw new SaslException("server signature does not verify: " + serverFinal);
        }
        complete = true;
        return new byte[0];
    }

    private byte[] mac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, hmac));
        return mac.doFinal(data);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) {
        throw new IllegalStateException("SCRAM has no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) {
        throw new IllegalStateException("SCRAM has no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        return null;
    }

    @Override
    public void dispose() {}
}
