package org.icewarp.core.auth.sasl;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an exchange of any mechanism, ours or a user's, so that the contract protocols rely on holds: no method throws
 * for client input and no stage completes exceptionally. A throw or an exceptional stage becomes a temporary failure
 * and a warning naming the mechanism (STYLE: user code is guarded). Misuse by the protocol ({@code start} twice) still
 * throws.
 */
final class GuardedExchange implements SaslExchange {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedExchange.class);

    private final SaslExchange delegate;
    private final String mechanism;

    GuardedExchange(SaslExchange delegate, String mechanism) {
        this.delegate = delegate;
        this.mechanism = mechanism;
    }

    /** An exchange that fails at once, for a mechanism whose {@code newExchange} threw. */
    static SaslExchange broken(String mechanism, RuntimeException cause) {
        LOG.warn("SASL mechanism {} failed to create an exchange", mechanism, cause);
        SaslStep.Failure failure =
                new SaslStep.Failure(Reason.TEMPORARY, Optional.empty(), "mechanism " + mechanism + " failed");
        return new SaslExchange() {
            @Override
            public CompletionStage<SaslStep> start() {
                return CompletableFuture.completedFuture(failure);
            }

            @Override
            public CompletionStage<SaslStep> start(byte[] initialResponse) {
                return start();
            }

            @Override
            public CompletionStage<SaslStep> respond(byte[] response) {
                return start();
            }

            @Override
            public SaslStep.Failure cancel() {
                return new SaslStep.Failure(Reason.CANCELLED, Optional.empty(), "cancelled by the client");
            }

            @Override
            public String mechanism() {
                return mechanism;
            }
        };
    }

    @Override
    public CompletionStage<SaslStep> start() {
        return guard(delegate::start);
    }

    @Override
    public CompletionStage<SaslStep> start(byte[] initialResponse) {
        return guard(() -> delegate.start(initialResponse));
    }

    @Override
    public CompletionStage<SaslStep> respond(byte[] response) {
        return guard(() -> delegate.respond(response));
    }

    @Override
    public SaslStep.Failure cancel() {
        try {
            return delegate.cancel();
        } catch (RuntimeException e) {
            LOG.warn("SASL mechanism {} failed to cancel", mechanism, e);
            return new SaslStep.Failure(Reason.CANCELLED, Optional.empty(), "cancelled by the client");
        }
    }

    @Override
    public String mechanism() {
        return mechanism;
    }

    private CompletionStage<SaslStep> guard(Supplier<CompletionStage<SaslStep>> call) {
        CompletionStage<SaslStep> stage;
        try {
            stage = call.get();
        } catch (IllegalStateException e) {
            throw e; // the protocol broke the call order: our bug, not the client's
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            stage = CompletableFuture.failedFuture(new NullPointerException(mechanism + " returned no stage"));
        }
        return stage.handle((step, e) -> {
            if (e == null && step != null) {
                return step;
            }
            LOG.warn("SASL mechanism {} failed", mechanism, e);
            return new SaslStep.Failure(Reason.TEMPORARY, Optional.empty(), "mechanism " + mechanism + " failed");
        });
    }
}
