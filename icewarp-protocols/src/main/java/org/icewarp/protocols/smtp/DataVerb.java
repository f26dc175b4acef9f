package org.icewarp.protocols.smtp;

/**
 * DATA (RFC 5321 section 4.1.1.4): with at least one accepted recipient, answers 354 and switches the decoder to
 * message content; {@link MessageCompletion} takes over at {@code CRLF.CRLF}.
 */
final class DataVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        SmtpReplies replies = session.replies();
        SmtpTransaction tx = session.transaction();
        if (tx.bdat) {
            session.reject(
                    replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "DATA after BDAT"), SmtpStatistics.Rejection.SEQUENCE);
            return;
        }
        if (tx.mail.body() == BodyType.BINARY_MIME) {
            // RFC 3030 section 3: BINARYMIME content can only be sent with BDAT
            session.reject(
                    replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "BODY=BINARYMIME needs BDAT"),
                    SmtpStatistics.Rejection.SEQUENCE);
            return;
        }
        if (tx.accepted.isEmpty()) {
            if (tx.refused > 0) {
                session.reject(replies.reply(SmtpReplies.Key.NO_VALID_RECIPIENTS), SmtpStatistics.Rejection.SEQUENCE);
            } else {
                session.reject(
                        replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "send RCPT first"),
                        SmtpStatistics.Rejection.SEQUENCE);
            }
            return;
        }
        tx.spool = new MessageSpool(session.server().context.tempDirectory());
        session.decoder().expectData(session.settings().maxMessageSize());
        session.reply(replies.reply(SmtpReplies.Key.START_DATA));
    }
}
