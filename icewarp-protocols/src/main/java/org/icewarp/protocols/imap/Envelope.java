package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * The ENVELOPE of a message (RFC 3501 section 7.4.2), from its header fields as they are written (no decoding): date,
 * subject, the address lists (sender and reply-to default to from), in-reply-to and message-id. Group syntax is sent as
 * RFC 3501 asks (a start marker with the group name, the members, an end marker); an address without a domain gets the
 * host {@code MISSING_DOMAIN}.
 */
final class Envelope {
    private Envelope() {}

    static String render(MimePart message) {
        String from = addresses(message.field("From"));
        String sender = addresses(message.field("Sender"));
        String replyTo = addresses(message.field("Reply-To"));
        return "(" + ImapStrings.string(message.field("Date"))
                + " " + ImapStrings.string(message.field("Subject"))
                + " " + from
                + " " + (sender.equals("NIL") ? from : sender)
                + " " + (replyTo.equals("NIL") ? from : replyTo)
                + " " + addresses(message.field("To"))
                + " " + addresses(message.field("Cc"))
                + " " + addresses(message.field("Bcc"))
                + " " + ImapStrings.string(message.field("In-Reply-To"))
                + " " + ImapStrings.string(message.field("Message-ID")) + ")";
    }

    /** An address list as IMAP writes it, or NIL. */
    static String addresses(String value) {
        if (value == null) {
            return "NIL";
        }
        List<String> out = new ArrayList<>();
        HeaderTokens t = new HeaderTokens(value);
        int guard = 0;
        while (!t.atEnd() && guard++ < 1000) {
            String phrase = t.phraseUntil("<,:;@");
            int c = t.peek();
            if (c == ':') {
                t.skip(':');
                out.add(address(null, null, phrase, null));
                while (!t.atEnd() && t.peek() != ';' && guard++ < 1000) {
                    String inner = t.phraseUntil("<,;@");
                    mailbox(t, inner, out);
                    t.skip(',');
                }
                t.skip(';');
                out.add(address(null, null, null, null));
            } else {
                mailbox(t, phrase, out);
            }
            t.skip(',');
        }
        return out.isEmpty() ? "NIL" : "(" + String.join("", out) + ")";
    }

    private static void mailbox(HeaderTokens t, String phrase, List<String> out) {
        int c = t.peek();
        if (c == '<') {
            t.skip('<');
            // an obsolete route ("@a,@b:") is dropped
            int mark = t.position();
            if (t.peek() == '@') {
                String rest = null;
                while (t.peek() != ':' && !t.atEnd() && t.peek() != '>') {
                    t.position(t.position() + 1);
                    rest = "";
                }
                if (!t.skip(':') || rest == null) {
                    t.position(mark);
                }
            }
            String local = t.peek() == '"' ? t.quoted() : t.dotAtom();
            String host = null;
            if (t.skip('@')) {
                host = t.peek() == '[' ? t.domainLiteral() : t.dotAtom();
            }
            while (!t.atEnd() && t.peek() != '>' && t.peek() != ',') {
                t.position(t.position() + 1);
            }
            t.skip('>');
            if (local != null) {
                out.add(address(phrase.isEmpty() ? null : phrase, null, local, host == null ? "MISSING_DOMAIN" : host));
            }
        } else if (c == '@') {
            t.skip('@');
            String host = t.peek() == '[' ? t.domainLiteral() : t.dotAtom();
            out.add(address(null, null, phrase, host == null ? "MISSING_DOMAIN" : host));
        } else if (!phrase.isEmpty()) {
            out.add(address(null, null, phrase, "MISSING_DOMAIN"));
        }
    }

    private static String address(String name, String route, String mailbox, String host) {
        return "(" + ImapStrings.string(name) + " " + ImapStrings.string(route) + " " + ImapStrings.string(mailbox)
                + " " + ImapStrings.string(host) + ")";
    }
}
