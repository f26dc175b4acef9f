package org.icewarp.protocols.pop3;

import java.util.List;

/** RSET (RFC 1939 section 5): every deletion mark is removed. */
final class RsetVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        session.maildrop().undeleteAll();
        session.reply(session.replies()
                .reply(Pop3Replies.Key.RESET, session.maildrop().describe()));
    }
}
