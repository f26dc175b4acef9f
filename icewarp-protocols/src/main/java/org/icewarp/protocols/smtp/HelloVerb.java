package org.icewarp.protocols.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * EHLO and HELO (RFC 5321 section 4.1.1.1): names the client, resets any transaction, and for EHLO lists the
 * extensions this session may use now (STARTTLS only on a plain connection with TLS switched on, AUTH only with the
 * mechanisms the policy allows on this connection).
 */
final class HelloVerb implements SmtpVerb {
    private final boolean extended;

    HelloVerb(boolean extended) {
        this.extended = extended;
    }

    @Override
    public void handle(SmtpSession session, String argument) {
        String name = argument.trim();
        if (name.isEmpty() || name.indexOf(' ') >= 0) {
            session.reject(
                    session.replies()
                            .reply(SmtpReplies.Key.SYNTAX_ERROR, (extended ? "EHLO" : "HELO") + " needs a domain"),
                    SmtpStatistics.Rejection.SYNTAX);
            return;
        }
        session.endTransaction();
        session.hello(name, extended);
        String first = session.replies().text(SmtpReplies.Key.HELLO, name);
        if (!extended) {
            session.reply(SmtpReply.of(250, "", first));
            return;
        }
        session.reply(new SmtpReply(250, "", extensions(session, first)));
    }

    static List<String> extensions(SmtpSession session, String first) {
        List<String> lines = new ArrayList<>();
        lines.add(first);
        lines.add("SIZE " + session.settings().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("PIPELINING");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("SMTPUTF8");
        lines.add("CHUNKING");
        lines.add("BINARYMIME");
        lines.add("DSN");
        boolean tls = session.tls();
        if (!tls && session.server().context.tls().enabled()) {
            lines.add("STARTTLS");
        }
        List<String> mechanisms = mechanisms(session, tls);
        if (!mechanisms.isEmpty()) {
            lines.add("AUTH " + String.join(" ", mechanisms));
        }
        return lines;
    }

    static List<String> mechanisms(SmtpSession session, boolean tls) {
        return session.server().offered(tls);
    }
}
