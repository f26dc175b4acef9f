package org.icewarp.core.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.icewarp.core.auth.sasl.ScramCredentials;

/**
 * The server side of RFC 5802 section 5: client-first, server-first, client-final, then server-final sent as a last
 * challenge (SMTP and IMAP4rev1 cannot carry data with success, RFC 4954 section 4) answered by an empty response.
 *
 * <p>An unknown user gets a server-first message with a salt derived from the user name and a server secret, so the
 * exchange looks the same as for a known one and fails only at the proof (RFC 5802 section 9).
 */
final class ScramExchange extends AbstractExchange {
    private enum Phase {
        CLIENT_FIRST,
        CLIENT_FINAL,
        FINAL_ACK
    }

    private final ScramAlgorithm algorithm;
    private final String serverNonce;
    private final byte[] fakeSaltKey;
    private Phase phase = Phase.CLIENT_FIRST;
    private String gs2Header;
    private String authzid;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private ScramCredentials credentials;
    private boolean unknownUser;
    private String authcid;

    ScramExchange(SaslContext context, ScramAlgorithm algorithm, String serverNonce, byte[] fakeSaltKey) {
        super(context, algorithm.mechanism());
        this.algorithm = algorithm;
        this.serverNonce = serverNonce;
        this.fakeSaltKey = fakeSaltKey;
    }

    @Override
    CompletionStage<SaslStep> first(byte[] initialResponse) {
        return initialResponse == null ? challenge(new byte[0]) : next(initialResponse);
    }

    @Override
    CompletionStage<SaslStep> next(byte[] response) {
        Optional<String> text = Texts.utf8(response);
        if (text.isEmpty()) {
            return fail(Reason.MALFORMED, "SCRAM message is not valid UTF-8");
        }
        return switch (phase) {
            case CLIENT_FIRST -> clientFirst(text.get());
            case CLIENT_FINAL -> clientFinal(text.get());
            case FINAL_ACK ->
                text.get().isEmpty()
                        ? succeed(authzid, credentials.account())
                        : fail(Reason.MALFORMED, "SCRAM expects an empty response to server-final");
        };
    }

    private CompletionStage<SaslStep> clientFirst(String message) {
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int comma1 = message.indexOf(',');
        int comma2 = comma1 < 0 ? -1 : message.indexOf(',', comma1 + 1);
        if (comma2 < 0) {
            return fail(Reason.MALFORMED, "SCRAM client-first lacks the GS2 header");
        }
        String flag = message.substring(0, comma1);
        if (flag.startsWith("p=")) {
            return fail(Reason.MALFORMED, "SCRAM channel binding is not supported (no -PLUS mechanism offered)");
        }
        if (!flag.equals("n") && !flag.equals("y")) {
            return fail(Reason.MALFORMED, "SCRAM GS2 channel-binding flag is invalid");
        }
        String a = message.substring(comma1 + 1, comma2);
        if (a.isEmpty()) {
            authzid = "";
        } else if (a.startsWith("a=")) {
            Optional<String> decoded = saslName(a.substring(2));
            if (decoded.isEmpty() || decoded.get().isEmpty()) {
                return fail(Reason.MALFORMED, "SCRAM authzid is invalid");
            }
            authzid = decoded.get();
        } else {
            return fail(Reason.MALFORMED, "SCRAM GS2 header has an unknown attribute");
        }
        gs2Header = message.substring(0, comma2 + 1);
        clientFirstBare = message.substring(comma2 + 1);
        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs.length < 2 || attrs[0].startsWith("m=")) {
            return fail(Reason.MALFORMED, "SCRAM client-first is incomplete or uses a mandatory extension");
        }
        if (!attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
            return fail(Reason.MALFORMED, "SCRAM client-first needs n= then r=");
        }
        Optional<String> user = saslName(attrs[0].substring(2));
        String clientNonce = attrs[1].substring(2);
        if (user.isEmpty() || user.get().isEmpty() || !printable(clientNonce)) {
            return fail(Reason.MALFORMED, "SCRAM user name or nonce is invalid");
        }
        String prepared;
        try {
            prepared = SaslPrep.prepare(user.get());
        } catch (IllegalArgumentException e) {
            return fail(Reason.MALFORMED, "SCRAM user name fails SASLprep");
        }
        attemptedUser(prepared);
        authcid = prepared;
        nonce = clientNonce + serverNonce;
        return context.backend()
                .scramCredentials(prepared, algorithm.mechanism(), attempt())
                .thenCompose(found -> {
                    credentials = found.orElseGet(() -> fake(prepared));
                    unknownUser = found.isEmpty();
                    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt()) + ",i="
                            + credentials.iterations();
                    phase = Phase.CLIENT_FINAL;
                    return challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
                });
    }

    private CompletionStage<SaslStep> clientFinal(String message) {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            return fail(Reason.MALFORMED, "SCRAM client-final lacks the proof");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
            return fail(Reason.MALFORMED, "SCRAM client-final needs c= then r=");
        }
        byte[] binding;
        byte[] proof;
        try {
            binding = Base64.getDecoder().decode(attrs[0].substring(2));
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return fail(Reason.MALFORMED, "SCRAM client-final has invalid base64");
        }
        if (!MessageDigest.isEqual(binding, gs2Header.getBytes(StandardCharsets.UTF_8))) {
            return fail(Reason.MALFORMED, "SCRAM channel-binding data differs from the GS2 header");
        }
        if (!MessageDigest.isEqual(
                attrs[1].substring(2).getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
            return fail(Reason.MALFORMED, "SCRAM nonce differs from the server's");
        }
        byte[] storedKey = credentials.storedKey();
        if (proof.length != storedKey.length) {
            return fail(Reason.MALFORMED, "SCRAM proof has the wrong length");
        }
        byte[] authMessage =
                (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = algorithm.hmac(storedKey, authMessage);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        boolean match = MessageDigest.isEqual(algorithm.digest(clientKey), storedKey) && !unknownUser;
        Arrays.fill(clientKey, (byte) 0);
        ScramCredentials used = credentials;
        return context.backend()
                .concludeProof(authcid, used.account(), match, attempt())
                .thenCompose(v -> Verifications.then(this, v, account -> {
                    byte[] serverSignature = algorithm.hmac(used.serverKey(), authMessage);
                    phase = Phase.FINAL_ACK;
                    return challenge(("v=" + Base64.getEncoder().encodeToString(serverSignature))
                            .getBytes(StandardCharsets.UTF_8));
                }));
    }

    private ScramCredentials fake(String user) {
        byte[] salt = Arrays.copyOf(algorithm.hmac(fakeSaltKey, user), 16);
        byte[] key = algorithm.hmac(fakeSaltKey, "key:" + user);
        return new ScramCredentials(user, salt, 4096, key, key);
    }

    /** RFC 5802 saslname: {@code =2C} is a comma, {@code =3D} an equals sign, any other {@code =} is an error. */
    static Optional<String> saslName(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                return Optional.empty();
            }
            if (c != '=') {
                out.append(c);
            } else if (s.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (s.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }

    private static boolean printable(String nonce) {
        if (nonce.isEmpty()) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    @Override
    void cleanUp() {
        credentials = null;
    }
}
