package org.icewarp.protocols.smtp;

/** QUIT (RFC 5321 section 4.1.1.10): answers 221 and closes; an open transaction is dropped. */
final class QuitVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        session.endTransaction();
        session.close(session.replies().reply(SmtpReplies.Key.BYE));
    }
}
