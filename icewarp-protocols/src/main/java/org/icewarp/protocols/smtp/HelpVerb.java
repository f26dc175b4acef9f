package org.icewarp.protocols.smtp;

/** HELP (RFC 5321 section 4.1.1.8): the list of commands; an argument is ignored. */
final class HelpVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        session.reply(session.replies().reply(SmtpReplies.Key.HELP));
    }
}
