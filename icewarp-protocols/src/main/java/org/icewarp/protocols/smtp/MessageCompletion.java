package org.icewarp.protocols.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The end of a message (DATA's {@code CRLF.CRLF} or BDAT LAST): checks the size and line endings, then delivers every
 * copy through {@link Delivery} behind the session's spool writes, and answers {@code 250} only when all of them are
 * durable. A refused or failed message leaves nothing in storage. One summary line per transaction.
 */
final class MessageCompletion {
    private MessageCompletion() {}

    static void contentEnded(SmtpSession session, SmtpInput.ContentEnd end) {
        SmtpReplies replies = session.replies();
        SmtpReply refusal = session.takeChunkRefusal();
        if (refusal != null) {
            session.reject(refusal, SmtpStatistics.Rejection.SEQUENCE);
            return;
        }
        SmtpTransaction tx = session.transaction();
        if (tx == null) {
            return;
        }
        if (end.tooLarge()) {
            tx.tooLarge = true;
        }
        if (tx.bdat) {
            tx.chunked += end.size();
            if (!tx.lastChunk) {
                session.reply(replies.reply(SmtpReplies.Key.CHUNK_ACCEPTED, Long.toString(end.size())));
                return;
            }
        }
        long size = tx.bdat ? tx.chunked : end.size();
        if (tx.tooLarge) {
            finish(session, tx, size, replies.reply(SmtpReplies.Key.MESSAGE_TOO_BIG), SmtpStatistics.Rejection.SIZE);
            return;
        }
        if (end.bareLineEndings() && !session.settings().normaliseBareLineEndings()) {
            finish(
                    session,
                    tx,
                    size,
                    replies.reply(SmtpReplies.Key.BARE_LINE_ENDING),
                    SmtpStatistics.Rejection.BARE_LINE_ENDING);
            return;
        }
        deliver(session, tx);
    }

    private static void deliver(SmtpSession session, SmtpTransaction tx) {
        SmtpServer server = session.server();
        SmtpReplies replies = server.replies;
        TraceHeader.Protocol protocol =
                new TraceHeader.Protocol(session.esmtp(), session.tls(), session.user() != null, tx.mail.smtputf8());
        String helo = session.helloName();
        session.blockingAfterSpool(
                () -> {
                    Exception spoolFailure = tx.spoolFailure;
                    if (spoolFailure != null) {
                        throw spoolFailure;
                    }
                    String received = TraceHeader.received(
                            helo,
                            session.remote().getAddress(),
                            "",
                            server.settings.hostName(),
                            protocol,
                            tx.id,
                            tx.accepted,
                            server.context.clock());
                    DeliveryEnvelope envelope = new DeliveryEnvelope(
                            tx.sender(),
                            List.copyOf(tx.local.values()),
                            tx.remote,
                            tx.mail.envelopeId().orElse(""),
                            tx.mail.ret().map(r -> r == Ret.FULL).orElse(false));
                    server.delivery.deliver(tx.spool, received.getBytes(StandardCharsets.UTF_8), envelope);
                    return tx.spool.size();
                },
                (size, failure) -> {
                    if (failure == null) {
                        server.statistics.accepted(size);
                        session.messageAccepted();
                        log(session, tx, size, "250");
                        session.endTransaction();
                        session.reply(replies.reply(SmtpReplies.Key.MESSAGE_ACCEPTED, tx.id));
                        return;
                    }
                    boolean quota =
                            failure instanceof DeliveryException d && d.reason() == DeliveryException.Reason.QUOTA;
                    server.context
                            .log()
                            .summary("{} message {} not stored: {}", session.id(), tx.id, failure.toString());
                    finish(
                            session,
                            tx,
                            tx.spool.size(),
                            replies.reply(quota ? SmtpReplies.Key.MAILBOX_FULL : SmtpReplies.Key.LOCAL_ERROR),
                            quota ? SmtpStatistics.Rejection.QUOTA : SmtpStatistics.Rejection.STORAGE);
                });
    }

    private static void finish(
            SmtpSession session, SmtpTransaction tx, long size, SmtpReply reply, SmtpStatistics.Rejection reason) {
        log(session, tx, size, Integer.toString(reply.code()));
        session.endTransaction();
        session.reject(reply, reason);
    }

    private static void log(SmtpSession session, SmtpTransaction tx, long size, String result) {
        session.server()
                .context
                .log()
                .summary(
                        "{} {} message {} from=<{}> to={} size={} result={}",
                        session.id(),
                        session.remote(),
                        tx.id,
                        tx.sender(),
                        tx.accepted.stream()
                                .map(m -> "<" + MailboxText.path(m) + ">")
                                .collect(Collectors.joining(",")),
                        size,
                        result);
    }
}
