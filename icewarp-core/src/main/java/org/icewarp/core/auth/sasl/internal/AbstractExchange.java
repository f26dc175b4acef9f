package org.icewarp.core.auth.sasl.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.icewarp.core.auth.sasl.AuthAttempt;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules every exchange shares, so mechanisms only parse and check: one start, responses only while a challenge is
 * outstanding, the size limit, cancellation, the authorization-identity check, and the conversion of every exception
 * (a bug, a backend stage completed exceptionally, a full executor) into a temporary failure.
 *
 * <p>Implementation note: a protocol calls the methods one after another, but a backend stage may complete on another
 * thread while the event loop calls {@link #cancel()}; the state is therefore guarded by the object's monitor.
 */
abstract class AbstractExchange implements SaslExchange {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractExchange.class);

    private enum State {
        NEW,
        WAITING,
        BUSY,
        DONE
    }

    /** The exchange's context. */
    protected final SaslContext context;

    private final String mechanism;
    private State state = State.NEW;
    private boolean cancelled;
    private volatile String attemptedUser;

    AbstractExchange(SaslContext context, String mechanism) {
        this.context = Objects.requireNonNull(context, "context");
        this.mechanism = mechanism;
    }

    /**
     * The first step.
     *
     * @param initialResponse the initial response, or null when the client sent none
     */
    abstract CompletionStage<SaslStep> first(byte[] initialResponse);

    /** A later step, answering the last challenge. */
    abstract CompletionStage<SaslStep> next(byte[] response);

    /** Releases secrets held by the exchange; called once when it ends. */
    void cleanUp() {}

    @Override
    public final String mechanism() {
        return mechanism;
    }

    @Override
    public final CompletionStage<SaslStep> start() {
        begin();
        return run(() -> first(null));
    }

    @Override
    public final CompletionStage<SaslStep> start(byte[] initialResponse) {
        Objects.requireNonNull(initialResponse, "initialResponse");
        begin();
        if (initialResponse.length > context.settings().maxMessageSize()) {
            return finish(tooLong(initialResponse.length));
        }
        return run(() -> first(initialResponse.clone()));
    }

    @Override
    public final CompletionStage<SaslStep> respond(byte[] response) {
        Objects.requireNonNull(response, "response");
        synchronized (this) {
            if (state != State.WAITING) {
                SaslStep.Failure f = cancelled
                        ? cancelledFailure()
                        : failure(Reason.MALFORMED, "response while no challenge was outstanding");
                return CompletableFuture.completedFuture(f);
            }
            state = State.BUSY;
        }
        if (response.length > context.settings().maxMessageSize()) {
            return finish(tooLong(response.length));
        }
        return run(() -> next(response.clone()));
    }

    @Override
    public final SaslStep.Failure cancel() {
        boolean end;
        synchronized (this) {
            cancelled = true;
            end = state != State.DONE;
            state = State.DONE;
        }
        if (end) {
            cleanUpQuietly();
        }
        return cancelledFailure();
    }

    private synchronized void begin() {
        if (state != State.NEW) {
            throw new IllegalStateException(mechanism + " exchange already started");
        }
        state = State.BUSY;
    }

    private CompletionStage<SaslStep> run(Supplier<CompletionStage<SaslStep>> step) {
        CompletionStage<SaslStep> stage;
        try {
            stage = step.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.handle((s, e) -> e == null ? s : unexpected(e)).thenApply(this::settle);
    }

    private CompletionStage<SaslStep> finish(SaslStep.Failure failure) {
        return CompletableFuture.completedFuture(settle(failure));
    }

    private SaslStep settle(SaslStep step) {
        boolean end;
        synchronized (this) {
            if (cancelled) {
                return cancelledFailure();
            }
            end = step.done();
            state = end ? State.DONE : State.WAITING;
        }
        if (end) {
            cleanUpQuietly();
        }
        return step;
    }

    private SaslStep.Failure unexpected(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        // The backend or the executor failed, or this is our bug; either way the client may retry later. The message
        // of a backend exception is logged, never a client payload.
        LOG.warn("{} exchange for {} from {} failed", mechanism, context.protocol(), context.remote(), cause);
        return failure(Reason.TEMPORARY, "authentication service unavailable");
    }

    private void cleanUpQuietly() {
        try {
            cleanUp();
        } catch (RuntimeException e) {
            LOG.error("{} exchange failed to release its state", mechanism, e);
        }
    }

    private SaslStep.Failure cancelledFailure() {
        return failure(Reason.CANCELLED, "cancelled by the client");
    }

    private SaslStep.Failure tooLong(int length) {
        return failure(
                Reason.TOO_LONG,
                "client message of " + length + " bytes exceeds "
                        + context.settings().maxMessageSize());
    }

    /** Remembers the user name the client gave, for the failure's {@code attemptedUser}. */
    final void attemptedUser(String user) {
        attemptedUser = user;
    }

    /** The attempt description for backend calls. */
    final AuthAttempt attempt() {
        return context.attempt(mechanism);
    }

    final SaslStep.Failure failure(Reason reason, String detail) {
        return new SaslStep.Failure(reason, Optional.ofNullable(attemptedUser), detail);
    }

    final CompletionStage<SaslStep> fail(Reason reason, String detail) {
        return CompletableFuture.completedFuture(failure(reason, detail));
    }

    static CompletionStage<SaslStep> challenge(byte[] data) {
        return CompletableFuture.completedFuture(new SaslStep.Challenge(data));
    }

    /**
     * Finishes successfully once the authorization identity is settled: none requested or the account itself means
     * the account; another one needs {@code mayActAs}.
     *
     * @param authzid the identity the client asked for, or an empty string
     * @param account the authenticated canonical account
     */
    final CompletionStage<SaslStep> succeed(String authzid, String account) {
        if (authzid.isEmpty() || authzid.equalsIgnoreCase(account)) {
            return CompletableFuture.completedFuture(new SaslStep.Success(account, account, mechanism));
        }
        return context.backend()
                .mayActAs(account, authzid, attempt())
                .thenApply(allowed -> Boolean.TRUE.equals(allowed)
                        ? new SaslStep.Success(authzid, account, mechanism)
                        : failure(Reason.NOT_AUTHORIZED, "may not act as the requested authorization identity"));
    }
}
