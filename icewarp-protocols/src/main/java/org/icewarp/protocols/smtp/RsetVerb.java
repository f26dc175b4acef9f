package org.icewarp.protocols.smtp;

/** RSET (RFC 5321 section 4.1.1.5): drops the transaction, keeps the greeting and the authentication. */
final class RsetVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        session.endTransaction();
        session.reply(session.replies().reply(SmtpReplies.Key.RESET));
    }
}
