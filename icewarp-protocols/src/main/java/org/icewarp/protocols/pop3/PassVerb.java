package org.icewarp.protocols.pop3;

import java.util.List;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.Mechanism;

/** PASS (RFC 1939 section 7): right after a USER; the whole rest of the line is the password. */
final class PassVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        String user = session.userName();
        session.forgetUser();
        if (user == null) {
            session.reply(session.replies().reply(Pop3Replies.Key.BAD_STATE, "send USER first"));
            return;
        }
        Pop3Server server = session.server();
        if (!server.userPassAllowed(session.tls())) {
            session.reply(session.replies().reply(Pop3Replies.Key.PLAINTEXT_DISABLED));
            return;
        }
        AuthRequest request = AuthRequest.password(
                server.context.name(),
                session.remote().getAddress(),
                session.id(),
                session.tls(),
                user,
                Mechanism.USER,
                argument);
        Login.authenticate(session, request);
    }
}
