package org.icewarp.core.auth.sasl;

import java.util.concurrent.CompletionStage;

/**
 * The server side of one SASL authentication exchange, created by {@link SaslMechanism#newExchange(SaslContext)}.
 *
 * <p>Call order: exactly one {@code start} (with the initial response if the client sent one, RFC 4959 / RFC 4954),
 * then {@link #respond(byte[])} once for each {@link SaslStep.Challenge} answered, until a step is {@linkplain
 * SaslStep#done() done}. {@link #cancel()} may be called at any time. A protocol never calls the next method before the
 * previous stage has completed.
 *
 * <p>Threading: no method blocks. Work against the account store goes through the {@link SaslBackend}'s stages; JDK
 * mechanisms whose callbacks are synchronous run on {@link SaslContext#worker()}. The returned stages may therefore
 * complete on a backend or worker thread; the protocol hands the result back to the connection's event loop (for
 * Netty, {@code stage.whenCompleteAsync(..., channel.eventLoop())}).
 *
 * <p>Client responses are the decoded bytes (the protocol base64-decodes them; a response that is not valid base64 is
 * the protocol's own syntax error). The exchange never throws for anything a client sends: bad input, oversized input
 * and failures of the backend all become a {@link SaslStep.Failure}. The stages never complete exceptionally.
 */
public interface SaslExchange {

    /**
     * Starts the exchange without an initial response.
     *
     * @return the first challenge (possibly empty), or a failure
     * @throws IllegalStateException if the exchange was already started
     */
    CompletionStage<SaslStep> start();

    /**
     * Starts the exchange with the client's initial response (an empty array for SMTP/IMAP {@code =}).
     *
     * @param initialResponse the decoded initial response; not kept after the stage completes
     * @return the next step
     * @throws IllegalStateException if the exchange was already started
     */
    CompletionStage<SaslStep> start(byte[] initialResponse);

    /**
     * Answers the last challenge.
     *
     * @param response the decoded client response
     * @return the next step; a {@link SaslStep.Failure} with reason {@code MALFORMED} if the exchange is not waiting
     *     for a response
     */
    CompletionStage<SaslStep> respond(byte[] response);

    /**
     * Cancels the exchange (the client sent {@code *}). Idempotent; a step still pending completes as cancelled.
     *
     * @return a failure with reason {@link SaslStep.Failure.Reason#CANCELLED}
     */
    SaslStep.Failure cancel();

    /**
     * Returns the mechanism name.
     *
     * @return the IANA name, upper case
     */
    String mechanism();
}
