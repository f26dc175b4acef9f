package org.icewarp.protocols.pop3;

import java.util.List;

/** NOOP (RFC 1939 section 5). */
final class NoopVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        session.reply(session.replies().reply(Pop3Replies.Key.NOOP));
    }
}
