package org.icewarp.protocols.smtp;

import java.util.Locale;

/**
 * BDAT (RFC 3030): {@code BDAT <size> [LAST]}. The chunk's octets follow the command at once, so even a refused BDAT
 * reads (and drops) them before answering; a size that does not parse leaves no way to find the next command, so the
 * session answers and closes.
 */
final class BdatVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        SmtpReplies replies = session.replies();
        String[] parts = argument.trim().split(" +");
        long size = -1;
        boolean last = false;
        if (parts.length >= 1 && parts.length <= 2 && parts[0].matches("\\d{1,18}")) {
            size = Long.parseLong(parts[0]);
            last = parts.length == 2 && parts[1].toUpperCase(Locale.ROOT).equals("LAST");
            if (parts.length == 2 && !last) {
                size = -1;
            }
        }
        if (size < 0) {
            session.statistics().rejected(SmtpStatistics.Rejection.SYNTAX);
            session.close(replies.reply(SmtpReplies.Key.SYNTAX_ERROR, "BDAT <size> [LAST]"));
            return;
        }
        SmtpTransaction tx = session.transaction();
        SmtpReply refusal = null;
        if (session.helloName() == null || !session.esmtp()) {
            refusal = replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "send EHLO first");
        } else if (tx == null) {
            refusal = replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "send MAIL first");
        } else if (tx.spool != null && !tx.bdat) {
            refusal = replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "BDAT after DATA");
        } else if (tx.accepted.isEmpty()) {
            refusal = tx.refused > 0
                    ? replies.reply(SmtpReplies.Key.NO_VALID_RECIPIENTS)
                    : replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "send RCPT first");
        }
        if (refusal != null) {
            session.refuseChunk(refusal);
            if (size > 0) {
                session.decoder().expectChunk(size, 0);
            } else {
                MessageCompletion.contentEnded(session, new SmtpInput.ContentEnd(0, false, false));
            }
            return;
        }
        if (tx.spool == null) {
            tx.spool = new MessageSpool(session.server().context.tempDirectory());
            tx.bdat = true;
        }
        tx.lastChunk = last;
        if (size > 0) {
            long allowance = Math.max(0, session.settings().maxMessageSize() - tx.chunked);
            session.decoder().expectChunk(size, allowance);
        } else {
            MessageCompletion.contentEnded(session, new SmtpInput.ContentEnd(0, false, false));
        }
    }
}
