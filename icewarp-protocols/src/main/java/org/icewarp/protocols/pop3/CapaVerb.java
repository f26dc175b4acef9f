package org.icewarp.protocols.pop3;

import java.util.ArrayList;
import java.util.List;
import org.icewarp.core.auth.sasl.SaslMechanism;

/**
 * CAPA (RFC 2449 section 5). USER and the SASL list follow the authenticator's policy for this connection (plain-text
 * mechanisms only over TLS unless {@code system.auth.plain-without-tls}); STLS is listed while TLS is on for the server
 * and the connection is still in the clear.
 */
final class CapaVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        Pop3Server server = session.server();
        boolean tls = session.tls();
        List<String> lines = new ArrayList<>();
        lines.add("TOP");
        lines.add("UIDL");
        lines.add("RESP-CODES");
        lines.add("AUTH-RESP-CODE");
        lines.add("PIPELINING");
        if (server.userPassAllowed(tls)) {
            lines.add("USER");
        }
        if (server.authenticator != null) {
            List<SaslMechanism> offered = server.mechanisms.advertised(server.sasl, tls);
            if (!offered.isEmpty()) {
                StringBuilder sasl = new StringBuilder("SASL");
                offered.forEach(m -> sasl.append(' ').append(m.name()));
                lines.add(sasl.toString());
            }
        }
        if (server.context.tls().enabled() && !tls && session.state() == Pop3Session.State.AUTHORIZATION) {
            lines.add("STLS");
        }
        if (!server.settings.loginDelay().isZero()) {
            lines.add("LOGIN-DELAY " + server.settings.loginDelay().toSeconds());
        }
        session.multiLine(session.replies().reply(Pop3Replies.Key.CAPA), lines);
    }
}
