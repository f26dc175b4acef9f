package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;

/**
 * Drives one SMTP AUTH exchange (RFC 4954) over a {@link SmtpTestClient} with any {@link SaslClient}: {@code AUTH
 * <mechanism> [initial-response]}, then a base64 line for each {@code 334} until a final reply. Every base64 message
 * of both sides is recorded, so a test can look for it in the logs afterwards.
 */
final class SmtpSaslWire {
    private final List<String> payloads = new ArrayList<>();
    private final List<byte[]> challenges = new ArrayList<>();

    /** The base64 messages sent and received so far (initial responses, responses and challenges). */
    List<String> payloads() {
        return List.copyOf(payloads);
    }

    /** The decoded {@code 334} challenges of the last exchange. */
    List<String> challenges() {
        return challenges.stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .toList();
    }

    /**
     * Runs an exchange to its final reply.
     *
     * @param initialResponse send the client's first message on the AUTH line when the mechanism has one; otherwise
     *     wait for the server's (empty) challenge first
     */
    SmtpTestClient.Reply authenticate(SmtpTestClient c, SaslClient client, boolean initialResponse) throws Exception {
        challenges.clear();
        String mechanism = client.getMechanismName();
        SmtpTestClient.Reply reply;
        if (initialResponse && client.hasInitialResponse()) {
            String first = encode(client.evaluateChallenge(new byte[0]));
            payloads.add(first);
            reply = c.command("AUTH " + mechanism + " " + (first.isEmpty() ? "=" : first));
        } else {
            reply = c.command("AUTH " + mechanism);
            if (reply.code() == 334 && client.hasInitialResponse()) {
                // RFC 4954 section 4: an empty challenge asks for the initial response
                assertThat(reply.text())
                        .as("challenge before the initial response")
                        .isEmpty();
                String first = encode(client.evaluateChallenge(new byte[0]));
                payloads.add(first);
                reply = c.command(first);
            }
        }
        while (reply.code() == 334) {
            String text = reply.text();
            payloads.add(text);
            byte[] challenge = Base64.getDecoder().decode(text);
            challenges.add(challenge);
            byte[] response = client.isComplete() ? new byte[0] : client.evaluateChallenge(challenge);
            String line = encode(response);
            payloads.add(line);
            reply = c.command(line);
        }
        payloads.removeIf(String::isEmpty);
        return reply;
    }

    private static String encode(byte[] bytes) {
        return bytes == null ? "" : Base64.getEncoder().encodeToString(bytes);
    }

    /** The JDK's client for a password mechanism (PLAIN, CRAM-MD5, DIGEST-MD5, NTLM) speaking to {@code host}. */
    static SaslClient jdkClient(String mechanism, String host, String user, String password) throws Exception {
        SaslClient client = Sasl.createSaslClient(
                new String[] {mechanism}, null, "smtp", host, Map.of(Sasl.QOP, "auth"), callbacks -> {
                    for (var cb : callbacks) {
                        if (cb instanceof NameCallback n) {
                            n.setName(user);
                        } else if (cb instanceof PasswordCallback p) {
                            p.setPassword(password.toCharArray());
                        } else if (cb instanceof RealmCallback r) {
                            r.setText(r.getDefaultText() == null ? host : r.getDefaultText());
                        } else if (cb instanceof RealmChoiceCallback choice) {
                            choice.setSelectedIndex(0);
                        }
                    }
                });
        assertThat(client).as("JDK SASL client for %s", mechanism).isNotNull();
        return client;
    }

    /** A one-message client: the initial response is {@code message}; later challenges are answered as given. */
    static SaslClient fixed(String mechanism, byte[] message, byte[] answerToChallenges) {
        return new SaslClient() {
            private boolean sent;

            @Override
            public String getMechanismName() {
                return mechanism;
            }

            @Override
            public boolean hasInitialResponse() {
                return true;
            }

            @Override
            public byte[] evaluateChallenge(byte[] challenge) {
                if (!sent) {
                    sent = true;
                    return message.clone();
                }
                return answerToChallenges.clone();
            }

            @Override
            public boolean isComplete() {
                return false;
            }

            @Override
            public byte[] unwrap(byte[] incoming, int offset, int len) {
                throw new IllegalStateException("no security layer");
            }

            @Override
            public byte[] wrap(byte[] outgoing, int offset, int len) {
                throw new IllegalStateException("no security layer");
            }

            @Override
            public Object getNegotiatedProperty(String propName) {
                return null;
            }

            @Override
            public void dispose() {}
        };
    }
}
