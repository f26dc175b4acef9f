package org.icewarp.core.auth.sasl.internal;

import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslMechanism;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;

/**
 * {@code PLAIN} (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd} in UTF-8. Without an initial
 * response the server sends an empty challenge first.
 */
public final class PlainMechanism implements SaslMechanism {

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public PlainMechanism() {}

    @Override
    public String name() {
        return "PLAIN";
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
        Exchange(SaslContext context) {
            super(context, "PLAIN");
        }

        @Override
        CompletionStage<SaslStep> first(byte[] initialResponse) {
            return initialResponse == null ? challenge(new byte[0]) : next(initialResponse);
        }

        @Override
        CompletionStage<SaslStep> next(byte[] message) {
            int first = indexOf(message, 0);
            int second = first < 0 ? -1 : indexOf(message, first + 1);
            if (second < 0 || indexOf(message, second + 1) >= 0) {
                return fail(Reason.MALFORMED, "PLAIN message needs exactly two NUL separators");
            }
            var authzid = Texts.utf8(message, 0, first);
            var authcid = Texts.utf8(message, first + 1, second);
            var password = Texts.utf8(message, second + 1, message.length);
            java.util.Arrays.fill(message, (byte) 0);
            if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty()) {
                return fail(Reason.MALFORMED, "PLAIN message is not valid UTF-8");
            }
            if (authcid.get().isEmpty() || password.get().isEmpty()) {
                return fail(Reason.MALFORMED, "PLAIN message has an empty user name or password");
            }
            attemptedUser(authcid.get());
            return context.backend()
                    .verifyPassword(authcid.get(), password.get(), attempt())
                    .thenCompose(v -> Verifications.then(this, v, account -> succeed(authzid.get(), account)));
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
