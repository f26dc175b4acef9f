package org.icewarp.core.auth.sasl.internal;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.icewarp.core.auth.sasl.Verification;

/** Maps a backend {@link Verification} to the next step, in one place for every password mechanism. */
final class Verifications {
    private Verifications() {}

    static CompletionStage<SaslStep> then(
            AbstractExchange exchange, Verification v, Function<String, CompletionStage<SaslStep>> onAccepted) {
        if (v instanceof Verification.Accepted a) {
            return onAccepted.apply(a.account());
        }
        if (v instanceof Verification.Unavailable u) {
            return exchange.fail(Reason.TEMPORARY, "account store: " + u.detail());
        }
        return exchange.fail(Reason.WRONG_CREDENTIALS, "wrong user name or password");
    }
}
