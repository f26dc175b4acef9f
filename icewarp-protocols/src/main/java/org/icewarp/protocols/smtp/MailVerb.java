package org.icewarp.protocols.smtp;

import java.util.Optional;
import org.icewarp.storage.Account;
import org.icewarp.storage.Addressee;
import org.icewarp.storage.EmailAddress;

/**
 * MAIL (RFC 5321 section 4.1.1.2) with SIZE, BODY, SMTPUTF8, RET, ENVID and AUTH parameters. Opens a transaction.
 * With {@code sender-must-be-owned}, an authenticated session may only send as one of its account's addresses.
 */
final class MailVerb implements SmtpVerb {

    @Override
    public void handle(SmtpSession session, String argument) {
        SmtpReplies replies = session.replies();
        Parsed<MailArguments> parsed = SmtpArguments.parseMail(argument, extensions(session, false));
        if (parsed instanceof Parsed.Invalid<MailArguments> invalid) {
            session.reject(argumentError(replies, invalid), SmtpStatistics.Rejection.SYNTAX);
            return;
        }
        MailArguments mail = ((Parsed.Ok<MailArguments>) parsed).value();
        if (mail.size().isPresent()
                && mail.size().getAsLong() > session.settings().maxMessageSize()) {
            session.reject(replies.reply(SmtpReplies.Key.MESSAGE_TOO_BIG), SmtpStatistics.Rejection.SIZE);
            return;
        }
        String user = session.user();
        if (user != null
                && session.settings().senderMustBeOwned()
                && mail.sender().isPresent()) {
            SmtpMailbox sender = mail.sender().get();
            session.blocking(() -> owns(session, user, sender), (owned, failure) -> {
                if (failure != null) {
                    session.reject(replies.reply(SmtpReplies.Key.LOCAL_ERROR), SmtpStatistics.Rejection.STORAGE);
                } else if (!owned) {
                    session.reject(replies.reply(SmtpReplies.Key.SENDER_NOT_OWNED), SmtpStatistics.Rejection.SENDER);
                } else {
                    begin(session, mail);
                }
            });
            return;
        }
        begin(session, mail);
    }

    private static void begin(SmtpSession session, MailArguments mail) {
        session.begin(new SmtpTransaction(mail, session.nextTransactionId()));
        session.reply(session.replies().reply(SmtpReplies.Key.SENDER_OK));
    }

    /** Whether {@code sender} is an address (primary or alias) of the account {@code user} logged in as. */
    private static boolean owns(SmtpSession session, String user, SmtpMailbox sender) {
        if (sender.addressLiteral() || sender.domain().isEmpty()) {
            return false;
        }
        EmailAddress address;
        try {
            address = new EmailAddress(sender.localPart(), sender.domain());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<Addressee> found = session.server().context.accounts().lookup(address);
        return found.isPresent()
                && found.get() instanceof Account account
                && account.address().toString().equalsIgnoreCase(user);
    }

    static Extensions extensions(SmtpSession session, boolean utf8Declared) {
        boolean auth = !HelloVerb.mechanisms(session, session.tls()).isEmpty();
        return new Extensions(true, true, true, true, auth, utf8Declared);
    }

    static SmtpReply argumentError(SmtpReplies replies, Parsed.Invalid<?> invalid) {
        ArgumentError e = invalid.error();
        return SmtpReply.of(
                e.code(), e.enhancedStatus(), replies.text(SmtpReplies.Key.ARGUMENT_ERROR, invalid.detail()));
    }
}
