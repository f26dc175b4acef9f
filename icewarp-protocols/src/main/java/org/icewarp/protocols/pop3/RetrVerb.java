package org.icewarp.protocols.pop3;

import java.util.List;

/** RETR and TOP (RFC 1939 sections 5 and 7): the message, or its header and the first {@code n} body lines. */
final class RetrVerb implements Pop3Verb {
    private final boolean top;

    RetrVerb(boolean top) {
        this.top = top;
    }

    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        int n = Pop3Commands.message(session, args.get(0));
        if (n < 0) {
            return;
        }
        long lines = -1;
        if (top) {
            lines = Pop3Commands.number(args.get(1));
            if (lines < 0) {
                session.reply(session.replies().reply(Pop3Replies.Key.SYNTAX, "TOP msg n"));
                return;
            }
        }
        MessageTransfer.start(session, n, lines);
    }
}
