package org.icewarp.protocols.pop3;

import java.util.List;

/** DELE (RFC 1939 section 5): marks a message; nothing changes in the store before QUIT. */
final class DeleVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        int n = Pop3Commands.message(session, args.get(0));
        if (n > 0) {
            session.maildrop().delete(n);
            session.reply(session.replies().reply(Pop3Replies.Key.DELETED, Integer.toString(n)));
        }
    }
}
