package org.icewarp.protocols.pop3;

import java.util.List;

/**
 * USER (RFC 1939 section 7). Refused with {@code -ERR [AUTH]} on a connection where the authenticator's policy does
 * not allow a plain-text password, before the client sends one.
 */
final class UserVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        if (!session.server().userPassAllowed(session.tls())) {
            session.reply(session.replies().reply(Pop3Replies.Key.PLAINTEXT_DISABLED));
            return;
        }
        session.userName(args.get(0));
        session.reply(session.replies().reply(Pop3Replies.Key.USER_OK));
    }
}
