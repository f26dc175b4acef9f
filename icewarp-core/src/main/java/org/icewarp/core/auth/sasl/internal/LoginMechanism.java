package org.icewarp.core.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;

/**
 * {@code LOGIN} (draft-murchison-sasl-login): the server asks {@code Username:} then {@code Password:}. An initial
 * response is taken as the user name (what Outlook and many others send).
 */
public final class LoginMechanism implements SaslMechanism {
    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public LoginMechanism() {}

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public boolean plaintextEquivalent() {
        return true;
    }

    @Override
    public SaslExchange newExchange(SaslContext context) {
        return new Exchange(context);
    }

    private static final class Exchange extends AbstractExchange {
        private String user;

        Exchange(SaslContext context) {
            super(context, "LOGIN");
        }

        @Override
        CompletionStage<SaslStep> first(byte[] initialResponse) {
            return initialResponse == null ? challenge(USERNAME) : next(initialResponse);
        }

        @Override
        CompletionStage<SaslStep> next(byte[] response) {
            var text = Texts.utf8(response);
            if (text.isEmpty()) {
                return fail(Reason.MALFORMED, "LOGIN response is not valid UTF-8");
            }
            if (user == null) {
                if (text.get().isEmpty()) {
                    return fail(Reason.MALFORMED, "LOGIN user name is empty");
                }
                user = text.get();
                attemptedUser(user);
                return challenge(PASSWORD);
            }
            java.util.Arrays.fill(response, (byte) 0);
            if (text.get().isEmpty()) {
                return fail(Reason.MALFORMED, "LOGIN password is empty");
            }
            return context.backend()
                    .verifyPassword(user, text.get(), attempt())
                    .thenCompose(v -> Verifications.then(this, v, account -> succeed("", account)));
        }
    }
}
