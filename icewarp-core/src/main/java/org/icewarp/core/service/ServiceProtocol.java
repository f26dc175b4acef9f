package org.icewarp.core.service;

import io.netty.channel.socket.SocketChannel;
import java.util.Optional;

/**
 * A running service's protocol: what happens on each connection the kernel admits.
 *
 * <p>By the time {@link #initChannel} runs, the kernel has checked the access rule and the connection limit, and its
 * own handlers (traffic counting, bandwidth cap) are at the head of the pipeline. The protocol appends its decoder,
 * session handler and encoder. Everything here runs on the connection's event loop and must not block; blocking work
 * goes to {@link ServiceContext#blockingExecutor()}.
 */
public interface ServiceProtocol {

    /**
     * Adds the protocol's handlers to a newly admitted connection.
     *
     * @param channel the connection; its pipeline already holds the kernel's handlers
     */
    void initChannel(SocketChannel channel);

    /**
     * What to send a connection the kernel refuses before closing it, in the protocol's own words (SMTP's {@code 421},
     * POP3's {@code -ERR}). Empty means close without a word, for protocols that have no way to say no.
     *
     * @return the bytes to send, including the line terminator, as US-ASCII text
     */
    default Optional<String> refusal(Refusal refusal) {
        return Optional.empty();
    }

    /** Called once when the service stops, after its listeners and connections are closed. */
    default void close() {}

    /**
     * The protocol's own counters (messages received, rejections by reason, …) by name, for the administrative view
     * ({@code ServiceStats#counters}). Called from any thread; must be cheap.
     */
    default java.util.Map<String, Long> counters() {
        return java.util.Map.of();
    }
}
