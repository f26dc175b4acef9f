package org.icewarp.protocols.smtp;

/** NOOP (RFC 5321 section 4.1.1.9): an argument is allowed and ignored. */
final class NoopVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        session.reply(session.replies().reply(SmtpReplies.Key.NOOP));
    }
}
