package org.icewarp.protocols.smtp;

import io.netty.buffer.Unpooled;

/**
 * STARTTLS (RFC 3207). The kernel's {@link org.icewarp.core.tls.ServiceTls#startTls} writes the 220, discards anything
 * the client pipelined behind the command (the decoder drops its buffer) and holds input back until the handshake
 * succeeded. The session forgets everything it learnt in the clear: the greeting, the authentication and any
 * transaction (RFC 3207 section 4.2).
 */
final class StartTlsVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        SmtpServer server = session.server();
        if (!server.context.tls().enabled() || session.tls()) {
            session.reject(session.replies().reply(SmtpReplies.Key.TLS_UNAVAILABLE), SmtpStatistics.Rejection.SEQUENCE);
            return;
        }
        SmtpReply ready = session.replies().reply(SmtpReplies.Key.READY_FOR_TLS);
        session.endTransaction();
        session.hello(null, false);
        session.authenticated(null);
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
