package org.icewarp.protocols.pop3;

import java.util.ArrayList;
import java.util.List;

/**
 * LIST and UIDL (RFC 1939 sections 5 and 7): with a message number one {@code +OK n value} line, without one a
 * multi-line listing of the messages not marked deleted. The value is the size in octets (LIST) or the unique-id
 * {@code <uidvalidity>.<uid>} (UIDL).
 */
final class ListVerb implements Pop3Verb {
    private final boolean uidl;

    ListVerb(boolean uidl) {
        this.uidl = uidl;
    }

    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        Maildrop drop = session.maildrop();
        if (!args.isEmpty()) {
            int n = Pop3Commands.message(session, args.get(0));
            if (n > 0) {
                session.reply(Pop3Reply.ok(n + " " + value(drop, n)));
            }
            return;
        }
        List<String> lines = new ArrayList<>(drop.count());
        for (int n = 1; n <= drop.size(); n++) {
            if (!drop.isDeleted(n)) {
                lines.add(n + " " + value(drop, n));
            }
        }
        Pop3Reply status = uidl
                ? session.replies().reply(Pop3Replies.Key.UIDL_FOLLOWS)
                : session.replies().reply(Pop3Replies.Key.LIST_FOLLOWS, drop.count() + "");
        session.multiLine(status, lines);
    }

    private String value(Maildrop drop, int n) {
        return uidl ? drop.uniqueId(n) : Long.toString(drop.octets(n));
    }
}
