package org.icewarp.protocols.smtp;

/**
 * VRFY (RFC 5321 section 3.5.3). Off by default ({@code vrfy: false}): the answer is 252, which tells nothing about
 * which mailboxes exist. When on, a local address is looked up: 250 with the address it reaches, or 550.
 */
final class VrfyVerb implements SmtpVerb {
    @Override
    public void handle(SmtpSession session, String argument) {
        SmtpReplies replies = session.replies();
        if (!session.settings().vrfy()) {
            session.reply(replies.reply(SmtpReplies.Key.VRFY_DISABLED));
            return;
        }
        String address = argument.trim();
        if (!address.startsWith("<")) {
            address = "<" + address + ">";
        }
        Parsed<RcptArguments> parsed = SmtpArguments.parseRcpt("TO:" + address, MailVerb.extensions(session, true));
        if (parsed instanceof Parsed.Invalid<RcptArguments> invalid) {
            session.reject(MailVerb.argumentError(replies, invalid), SmtpStatistics.Rejection.SYNTAX);
            return;
        }
        SmtpMailbox mailbox = ((Parsed.Ok<RcptArguments>) parsed).value().recipient();
        session.blocking(() -> session.server().resolver.resolve(mailbox, 0), (resolution, failure) -> {
            if (failure != null) {
                session.reject(replies.reply(SmtpReplies.Key.LOCAL_ERROR), SmtpStatistics.Rejection.STORAGE);
            } else if (resolution instanceof Resolution.Local local) {
                session.reply(
                        replies.reply(SmtpReplies.Key.VRFY_OK, local.canonical().toString()));
            } else if (resolution instanceof Resolution.Remote) {
                session.reply(replies.reply(SmtpReplies.Key.VRFY_DISABLED));
            } else {
                session.reject(
                        replies.reply(SmtpReplies.Key.UNKNOWN_MAILBOX), SmtpStatistics.Rejection.UNKNOWN_RECIPIENT);
            }
        });
    }
}
