package org.icewarp.protocols.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.icewarp.storage.QueueRecipient;

/**
 * RCPT (RFC 5321 section 4.1.1.3) with NOTIFY and ORCPT (RFC 3461). Runs the recipient hooks, then routes: a local
 * domain's recipient must resolve to an enabled account, an alias or a group with room in its quota; any other domain
 * (address literals included) is relayed only for an authenticated session, a trusted IP ({@code system.trusted-ips})
 * or an address in the {@code relay-from} option. The domain checked is the domain routed ({@link SmtpMailbox}), so no
 * spelling of an address can pass as local and be delivered elsewhere.
 */
final class RcptVerb implements SmtpVerb {

    /** What the blocking part decided. */
    private sealed interface Outcome {
        record Accepted(SmtpMailbox recipient, List<LocalTarget> local, List<QueueRecipient> remote)
                implements Outcome {}

        record Refused(SmtpReply reply, SmtpStatistics.Rejection reason) implements Outcome {}
    }

    @Override
    public void handle(SmtpSession session, String argument) {
        SmtpReplies replies = session.replies();
        SmtpTransaction tx = session.transaction();
        if (tx.spool != null || tx.bdat) {
            session.reject(
                    replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "message data already started"),
                    SmtpStatistics.Rejection.SEQUENCE);
            return;
        }
        if (tx.recipientCount() >= session.settings().maxRecipients()) {
            session.reject(replies.reply(SmtpReplies.Key.TOO_MANY_RECIPIENTS), SmtpStatistics.Rejection.LIMIT);
            return;
        }
        Parsed<RcptArguments> parsed =
                SmtpArguments.parseRcpt(argument, MailVerb.extensions(session, tx.mail.smtputf8()));
        if (parsed instanceof Parsed.Invalid<RcptArguments> invalid) {
            session.reject(MailVerb.argumentError(replies, invalid), SmtpStatistics.Rejection.SYNTAX);
            return;
        }
        RcptArguments rcpt = ((Parsed.Ok<RcptArguments>) parsed).value();
        long declared = tx.mail.size().orElse(0);
        String sender = tx.sender();
        session.blocking(() -> decide(session, rcpt, declared, sender), (outcome, failure) -> {
            if (failure != null) {
                session.server()
                        .context
                        .log()
                        .summary("{} recipient check failed: {}", session.id(), failure.toString());
                session.reject(replies.reply(SmtpReplies.Key.LOCAL_ERROR), SmtpStatistics.Rejection.STORAGE);
                return;
            }
            SmtpTransaction current = session.transaction();
            if (current != tx) {
                return; // the session moved on (cannot happen while reading is paused, but be safe)
            }
            if (outcome instanceof Outcome.Refused refused) {
                tx.refused++;
                session.reject(refused.reply(), refused.reason());
                return;
            }
            Outcome.Accepted accepted = (Outcome.Accepted) outcome;
            tx.accepted.add(accepted.recipient());
            for (LocalTarget t : accepted.local()) {
                tx.local.putIfAbsent(t.mailbox(), t);
            }
            tx.remote.addAll(accepted.remote());
            session.reply(replies.reply(SmtpReplies.Key.RECIPIENT_OK));
        });
    }

    /** Runs on the blocking executor. */
    private static Outcome decide(SmtpSession session, RcptArguments rcpt, long declaredSize, String sender) {
        SmtpServer server = session.server();
        SmtpReplies replies = server.replies;
        SmtpMailbox recipient = rcpt.recipient();
        boolean hookAccepted = false;
        if (!server.hooks.isEmpty()) {
            RecipientCheck check = new RecipientCheck(
                    server.context.name(),
                    session.remote(),
                    Optional.ofNullable(session.user()),
                    sender,
                    recipient,
                    isLocal(server, recipient));
            RecipientHooks.HookDecision decision = server.hooks.run(check, m -> isLocal(server, m));
            recipient = decision.recipient();
            RecipientVerdict verdict = decision.verdict();
            if (verdict instanceof RecipientVerdict.Reject r) {
                return new Outcome.Refused(
                        SmtpReply.of(r.code(), r.enhancedStatus(), r.text()), SmtpStatistics.Rejection.HOOK);
            }
            if (verdict instanceof RecipientVerdict.RejectTemporarily r) {
                return new Outcome.Refused(
                        SmtpReply.of(r.code(), r.enhancedStatus(), r.text()), SmtpStatistics.Rejection.HOOK);
            }
            hookAccepted = verdict instanceof RecipientVerdict.Accept;
        }
        Resolution resolution = server.resolver.resolve(recipient, hookAccepted ? 0 : declaredSize);
        String notifyAddress = MailboxText.path(recipient);
        if (resolution instanceof Resolution.Remote) {
            if (!hookAccepted && !mayRelay(session)) {
                return new Outcome.Refused(
                        replies.reply(SmtpReplies.Key.RELAY_DENIED), SmtpStatistics.Rejection.RELAY_DENIED);
            }
            return new Outcome.Accepted(recipient, List.of(), List.of(queued(notifyAddress, rcpt)));
        }
        if (resolution instanceof Resolution.Local local) {
            List<QueueRecipient> remote = new ArrayList<>();
            for (String member : local.remoteMembers()) {
                remote.add(new QueueRecipient(
                        member, rcpt.dsnNotify(), rcpt.originalRecipient().orElse("")));
            }
            return new Outcome.Accepted(recipient, local.mailboxes(), remote);
        }
        if (resolution instanceof Resolution.Disabled) {
            return new Outcome.Refused(
                    replies.reply(SmtpReplies.Key.MAILBOX_DISABLED), SmtpStatistics.Rejection.UNKNOWN_RECIPIENT);
        }
        if (resolution instanceof Resolution.OverQuota q) {
            return new Outcome.Refused(
                    replies.reply(q.permanent() ? SmtpReplies.Key.QUOTA_EXCEEDED : SmtpReplies.Key.MAILBOX_FULL),
                    SmtpStatistics.Rejection.QUOTA);
        }
        return new Outcome.Refused(
                replies.reply(SmtpReplies.Key.UNKNOWN_MAILBOX), SmtpStatistics.Rejection.UNKNOWN_RECIPIENT);
    }

    private static QueueRecipient queued(String address, RcptArguments rcpt) {
        return new QueueRecipient(
                address, rcpt.dsnNotify(), rcpt.originalRecipient().orElse(""));
    }

    private static boolean isLocal(SmtpServer server, SmtpMailbox m) {
        return m.domain().isEmpty() || (!m.addressLiteral() && server.resolver.isLocalDomain(m.domain()));
    }

    /** Whether this session may send to other domains. */
    static boolean mayRelay(SmtpSession session) {
        if (session.user() != null) {
            return true;
        }
        InetAddress ip = session.remote().getAddress();
        return session.server().context.isTrusted(ip)
                || session.settings().relayFrom().contains(ip);
    }
}
