package org.icewarp.protocols.imap;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * STARTTLS (RFC 3501 section 6.2.1, RFC 2595). The kernel writes the tagged OK, discards anything the client pipelined
 * behind the command (the decoder drops its buffer, so no command injected in the clear runs) and holds input back
 * until the handshake succeeded.
 */
final class StartTlsCommand implements ImapProcessor<StartTlsCommand.Request> {
    /** No arguments. */
    record Request() {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.end();
        return new Request();
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        if (!session.server().context.tls().enabled() || session.tls()) {
            session.bad(tag, "TLS is not available");
            return;
        }
        byte[] ok = (tag + " OK Begin TLS negotiation now\r\n").getBytes(StandardCharsets.US_ASCII);
        session.server().context.tls().startTls(session.context(), Unpooled.wrappedBuffer(ok));
    }
}
