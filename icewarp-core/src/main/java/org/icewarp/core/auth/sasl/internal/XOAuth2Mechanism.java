package org.icewarp.core.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.icewarp.core.auth.sasl.TokenKind;
import org.icewarp.core.auth.sasl.TokenVerdict;

/**
 * {@code XOAUTH2} (Google's format, before RFC 7628): {@code user=<user>%x01auth=Bearer <token>%x01%x01}. A refused
 * token gets a JSON challenge ({@code {"status":"401","schemes":"bearer","scope":...}}); the client answers with an
 * empty response and the exchange fails. Offered only over TLS.
 */
public final class XOAuth2Mechanism implements SaslMechanism {

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public XOAuth2Mechanism() {}

    @Override
    public String name() {
        return "XOAUTH2";
    }

    @Override
    public boolean plaintextEquivalent() {
        return false;
    }

    @Override
    public boolean requiresTls() {
        return true;
    }

    @Override
    public SaslExchange newExchange(SaslContext context) {
        return new Exchange(context);
    }

    private static final class Exchange extends AbstractExchange {
        private boolean awaitingAck;

        Exchange(SaslContext context) {
            super(context, "XOAUTH2");
        }

        @Override
        CompletionStage<SaslStep> first(byte[] initialResponse) {
            return initialResponse == null ? challenge(new byte[0]) : next(initialResponse);
        }

        @Override
        CompletionStage<SaslStep> next(byte[] response) {
            if (awaitingAck) {
                return fail(Reason.WRONG_CREDENTIALS, "bearer token refused");
            }
            Optional<String> text = Texts.utf8(response);
            if (text.isEmpty()) {
                return fail(Reason.MALFORMED, "XOAUTH2 message is not valid UTF-8");
            }
            String m = text.get();
            if (!m.endsWith("\u0001\u0001")) {
                return fail(Reason.MALFORMED, "XOAUTH2 message does not end with %x01%x01");
            }
            String[] parts = m.substring(0, m.length() - 2).split("\u0001", -1);
            if (parts.length != 2 || !parts[0].startsWith("user=") || !parts[1].startsWith("auth=")) {
                return fail(Reason.MALFORMED, "XOAUTH2 message needs user= and auth=");
            }
            String user = parts[0].substring(5);
            String token = Bearer.token(parts[1].substring(5));
            if (user.isEmpty() || token == null) {
                return fail(Reason.MALFORMED, "XOAUTH2 user is empty or auth is not a bearer token");
            }
            attemptedUser(user);
            return context.backend()
                    .verifyToken(token, TokenKind.XOAUTH2, user, attempt())
                    .thenCompose(verdict -> {
                        if (verdict instanceof TokenVerdict.Valid valid) {
                            // XOAUTH2 has no separate authorization identity: the user must be the token's account.
                            return valid.account().equalsIgnoreCase(user)
                                    ? succeed("", valid.account())
                                    : succeed(user, valid.account());
                        }
                        awaitingAck = true;
                        TokenVerdict.Invalid invalid = (TokenVerdict.Invalid) verdict;
                        String json = "{\"status\":\"401\",\"schemes\":\"bearer\""
                                + (invalid.scope().isEmpty()
                                        ? ""
                                        : ",\"scope\":\"" + Bearer.escape(invalid.scope()) + "\"")
                                + "}";
                        return challenge(json.getBytes(StandardCharsets.UTF_8));
                    });
        }
    }
}
