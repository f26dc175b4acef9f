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
 * {@code OAUTHBEARER} (RFC 7628): {@code gs2-header kvsep *(key=value kvsep) kvsep} with {@code kvsep = %x01} and an
 * {@code auth=Bearer <token>} pair. A refused token gets the error JSON of section 3.2.2 as a challenge; the client
 * answers with a single {@code %x01} and the exchange fails. Offered only over TLS (section 5).
 */
public final class OAuthBearerMechanism implements SaslMechanism {

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public OAuthBearerMechanism() {}

    @Override
    public String name() {
        return "OAUTHBEARER";
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
        private boolean awaitingDummy;

        Exchange(SaslContext context) {
            super(context, "OAUTHBEARER");
        }

        @Override
        CompletionStage<SaslStep> first(byte[] initialResponse) {
            return initialResponse == null ? challenge(new byte[0]) : next(initialResponse);
        }

        @Override
        CompletionStage<SaslStep> next(byte[] response) {
            if (awaitingDummy) {
                return response.length == 1 && response[0] == 1
                        ? fail(Reason.WRONG_CREDENTIALS, "bearer token refused")
                        : fail(Reason.MALFORMED, "OAUTHBEARER expects %x01 after an error");
            }
            Optional<String> text = Texts.utf8(response);
            if (text.isEmpty()) {
                return fail(Reason.MALFORMED, "OAUTHBEARER message is not valid UTF-8");
            }
            String m = text.get();
            int comma1 = m.indexOf(',');
            int comma2 = comma1 < 0 ? -1 : m.indexOf(',', comma1 + 1);
            if (comma2 < 0 || !(m.startsWith("n,") || m.startsWith("y,"))) {
                return fail(Reason.MALFORMED, "OAUTHBEARER GS2 header is invalid or asks for channel binding");
            }
            String a = m.substring(comma1 + 1, comma2);
            String authzid = "";
            if (!a.isEmpty()) {
                Optional<String> name = a.startsWith("a=") ? ScramExchange.saslName(a.substring(2)) : Optional.empty();
                if (name.isEmpty() || name.get().isEmpty()) {
                    return fail(Reason.MALFORMED, "OAUTHBEARER authzid is invalid");
                }
                authzid = name.get();
            }
            String rest = m.substring(comma2 + 1);
            if (!rest.startsWith("\u0001") || !rest.endsWith("\u0001\u0001")) {
                return fail(Reason.MALFORMED, "OAUTHBEARER key/value list is not delimited by %x01");
            }
            String token = null;
            String[] pairs = rest.substring(1, rest.length() - 2).split("\u0001", -1);
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    return fail(Reason.MALFORMED, "OAUTHBEARER key/value pair is invalid");
                }
                if (pair.startsWith("auth=")) {
                    token = Bearer.token(pair.substring(5));
                    if (token == null) {
                        return fail(Reason.MALFORMED, "OAUTHBEARER auth value is not a bearer token");
                    }
                }
            }
            if (token == null) {
                return fail(Reason.MALFORMED, "OAUTHBEARER message has no auth value");
            }
            attemptedUser(authzid.isEmpty() ? null : authzid);
            String claimed = authzid;
            return context.backend()
                    .verifyToken(token, TokenKind.OAUTHBEARER, claimed, attempt())
                    .thenCompose(verdict -> {
                        if (verdict instanceof TokenVerdict.Valid valid) {
                            return succeed(claimed, valid.account());
                        }
                        awaitingDummy = true;
                        TokenVerdict.Invalid invalid = (TokenVerdict.Invalid) verdict;
                        return challenge(Bearer.errorJson(invalid).getBytes(StandardCharsets.UTF_8));
                    });
        }
    }
}
