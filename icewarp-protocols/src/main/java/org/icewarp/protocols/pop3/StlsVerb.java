package org.icewarp.protocols.pop3;

import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * STLS (RFC 2595 section 4). The kernel's {@link org.icewarp.core.tls.ServiceTls#startTls} writes the {@code +OK},
 * discards anything pipelined behind the command (the decoder drops its buffer) and holds input back until the
 * handshake succeeded. A USER name given in the clear is forgotten.
 */
final class StlsVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        Pop3Server server = session.server();
        if (!server.context.tls().enabled() || session.tls()) {
            session.reply(session.replies().reply(Pop3Replies.Key.TLS_UNAVAILABLE));
            return;
        }
        Pop3Reply ready = session.replies().reply(Pop3Replies.Key.STLS);
        session.forgetUser();
        server.context.log().debug("{} {} > {}", session.id(), session.remote(), ready);
        server.context
                .tls()
                .startTls(session.context(), Unpooled.wrappedBuffer(ready.encode()))
                .addListener(f -> {
                    if (f.isSuccess()) {
                        server.context.log().debug("{} {} TLS established", session.id(), session.remote());
                    }
                });
    }
}
