package org.icewarp.core.auth.sasl;

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

/**
 * A SCRAM client written for the tests from RFC 5802 section 3, independent of the server code: PBKDF2 comes from the
 * JDK's {@code SecretKeyFactory}. The password is used as given (callers pass ASCII or already-prepared text).
 */
public final class ScramClient {
    private final String digest;
    private final String hmac;
    private final String pbkdf2;
    private final String gs2Header;
    private final String clientFirstBare;
    private final String password;
    private String serverFirst;
    private byte[] expectedServerSignature;

    public ScramClient(String mechanism, String authzid, String user, String password, String clientNonce) {
        boolean sha256 = mechanism.equals("SCRAM-SHA-256");
        this.digest = sha256 ? "SHA-256" : "SHA-1";
        this.hmac = sha256 ? "HmacSHA256" : "HmacSHA1";
        this.pbkdf2 = sha256 ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1";
        this.gs2Header = "n," + (authzid == null ? "" : "a=" + escape(authzid)) + ",";
        this.clientFirstBare = "n=" + escape(user) + ",r=" + clientNonce;
        this.password = password;
    }

    public static String randomNonce() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String escape(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    public byte[] clientFirst() {
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] clientFinal(byte[] serverFirstBytes) throws Exception {
        serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
        Map<String, String> attrs = new HashMap<>();
        for (String part : serverFirst.split(",")) {
            attrs.put(part.substring(0, 1), part.substring(2));
        }
        byte[] salt = Base64.getDecoder().decode(attrs.get("s"));
        int iterations = Integer.parseInt(attrs.get("i"));
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8))
                + ",r=" + attrs.get("r");
        byte[] salted = SecretKeyFactory.getInstance(pbkdf2)
                .generateSecret(new PBEKeySpec(
                        password.toCharArray(),
                        salt,
                        iterations,
                        MessageDigest.getInstance(digest).getDigestLength() * 8))
                .getEncoded();
        byte[] clientKey = mac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
        byte[] authMessage =
                (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = mac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        byte[] serverKey = mac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
        expectedServerSignature = mac(serverKey, authMessage);
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the server-final message proves the server knew the credentials. */
    public boolean serverFinalIsValid(byte[] serverFinal) {
        String s = new String(serverFinal, StandardCharsets.UTF_8);
        return s.startsWith("v=")
                && MessageDigest.isEqual(Base64.getDecoder().decode(s.substring(2)), expectedServerSignature);
    }

    private byte[] mac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, hmac));
        return mac.doFinal(data);
    }
}
