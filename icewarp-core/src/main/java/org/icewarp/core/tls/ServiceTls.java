package org.icewarp.core.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;

/**
 * TLS as one service sees it: whether to offer it, and STARTTLS (RFC 3207, RFC 2595) done safely. A protocol gets it
 * from {@code ServiceContext.tls()}.
 *
 * <p>Implicit TLS bindings need nothing from the protocol: the kernel puts TLS in front of it and holds back {@code
 * channelActive} until the handshake succeeded, so a greeting is never sent in the clear.
 */
public interface ServiceTls {

    /**
     * Whether TLS is switched on for the server (the seed's "Enable SSL/TLS"). When it is off a protocol must not offer
     * STARTTLS, and {@link #startTls} refuses.
     */
    boolean enabled();

    /** Whether {@code channel} already speaks TLS (implicit TLS, or after STARTTLS). */
    boolean isActive(Channel channel);

    /**
     * Turns a plain connection into TLS after the protocol accepted a STARTTLS command. Call it from the handler that
     * processed the command, on the event loop, instead of writing the reply yourself:
     *
     * <ol>
     *   <li>Everything the client sent after the command is discarded, never executed: every message the decoders in
     *       front of {@code ctx} still produce from the bytes read in the clear is dropped before it reaches {@code
     *       ctx}, and bytes that arrive later in the clear fail the handshake. Pipelined plaintext after STARTTLS is
     *       the classic injection attack (CVE-2011-0411 and its kin); the discarded amount is written to the
     *       service's log.
     *   <li>TLS with the service's certificate choice (local address and SNI) and policy is put in front of the
     *       protocol's handlers.
     *   <li>{@code reply} (the protocol's "go ahead", e.g. SMTP's {@code 220}) is written in the clear.
     *   <li>Nothing reaches the protocol until the handshake succeeded; a failed handshake closes the connection and is
     *       logged with its reason.
     * </ol>
     *
     * A decoder that holds input across reads (an incomplete frame: pipelined bytes without their line end) must
     * implement {@link BufferedInput}: this method asks every such handler of the pipeline to drop what it holds, so
     * those bytes are never joined to the first decrypted ones ({@code ByteToMessageDecoder} does not let other
     * handlers reach its buffer, so only the decoder itself can).
     *
     * @param ctx the context of the protocol handler that processed STARTTLS
     * @param reply the message to write before the handshake, as the protocol would write it from {@code ctx}
     * @return completes with the channel when the handshake succeeded, or fails with the handshake's error
     * @throws IllegalStateException when TLS is switched off or the connection already speaks TLS
     */
    Future<Channel> startTls(ChannelHandlerContext ctx, Object reply);

    /**
     * A handler that keeps input across reads, typically a protocol's frame decoder. {@link #startTls} calls {@link
     * #discardBufferedInput} on every handler of the pipeline that implements it, before it writes the go-ahead. A
     * decoder extending {@code ByteToMessageDecoder} skips the readable bytes of {@code internalBuffer()} and resets its
     * own scanning state; it may be inside its decode loop when called (the STARTTLS command was decoded from the same
     * buffer), and must then stop decoding.
     */
    interface BufferedInput {
        /**
         * Drops the input held so far.
         *
         * @return how many bytes were dropped
         */
        int discardBufferedInput();
    }
}
