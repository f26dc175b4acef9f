package org.icewarp.protocols.pop3;

import java.util.List;

/** STAT (RFC 1939 section 5): {@code +OK count octets} of the messages not marked deleted. */
final class StatVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        Maildrop drop = session.maildrop();
        // the format is fixed by the RFC (clients parse it), so it is not in the reply table
        session.reply(Pop3Reply.ok(drop.count() + " " + drop.octets()));
    }
}
