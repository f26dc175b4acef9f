package org.icewarp.protocols.smtp;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.protocols.internal.SaslText;

/**
 * AUTH (RFC 4954): {@code AUTH <mechanism> [initial-response]}, then {@code 334} challenges and base64 client lines
 * until the mechanism succeeds or fails; {@code *} cancels. Every mechanism runs through the kernel's authenticator, so
 * the login policy and the authentication log see SMTP logins like any other. Failures map to RFC 4954 section 6's
 * replies; too many failed attempts end the session.
 */
final class AuthVerb implements SmtpVerb {

    /** An exchange in progress: the next client line is its response. */
    static final class Exchange {
        private final SaslExchange sasl;

        Exchange(SaslExchange sasl) {
            this.sasl = sasl;
        }

        void cancel() {
            sasl.cancel();
        }
    }

    @Override
    public void handle(SmtpSession session, String argument) {
        SmtpServer server = session.server();
        SmtpReplies replies = session.replies();
        if (session.user() != null) {
            session.reject(
                    replies.reply(SmtpReplies.Key.BAD_SEQUENCE, "already authenticated"),
                    SmtpStatistics.Rejection.SEQUENCE);
            return;
        }
        String[] parts = argument.trim().split(" ", -1);
        if (argument.isBlank() || parts.length > 2) {
            session.reject(
                    replies.reply(SmtpReplies.Key.SYNTAX_ERROR, "AUTH <mechanism> [initial-response]"),
                    SmtpStatistics.Rejection.SYNTAX);
            return;
        }
        String mechanism = parts[0];
        boolean tls = session.tls();
        Optional<SaslExchange> exchange = Optional.empty();
        if (server.authenticator != null) {
            SaslContext context = new SaslContext(
                    server.saslProtocol(),
                    server.settings.hostName(),
                    session.remote(),
                    tls,
                    server.sasl,
                    server.authenticator.saslBackend(server.context.name(), session.id()),
                    server.context.blockingExecutor());
            exchange = server.mechanisms.newExchange(mechanism, context);
        }
        if (exchange.isEmpty()) {
            boolean needsTls = server.authenticator != null
                    && !tls
                    && server.mechanisms.find(mechanism, server.sasl, true).isPresent();
            session.reject(
                    replies.reply(
                            needsTls ? SmtpReplies.Key.ENCRYPTION_REQUIRED : SmtpReplies.Key.AUTH_MECHANISM_UNKNOWN),
                    SmtpStatistics.Rejection.AUTHENTICATION);
            return;
        }
        SaslExchange sasl = exchange.get();
        CompletionStage<SaslStep> first;
        if (parts.length == 2) {
            byte[] initial = SaslText.decode(parts[1], true);
            if (initial == null) {
                sasl.cancel();
                session.reject(replies.reply(SmtpReplies.Key.AUTH_MALFORMED), SmtpStatistics.Rejection.AUTHENTICATION);
                return;
            }
            first = sasl.start(initial);
        } else {
            first = sasl.start();
        }
        session.authExchange(new Exchange(sasl));
        session.await(first, (step, failure) -> step(session, step, failure));
    }

    /** The client's line while an exchange is in progress. */
    static void respond(SmtpSession session, String line) {
        Exchange exchange = session.authExchange();
        SmtpReplies replies = session.replies();
        if (line.equals("*")) {
            exchange.cancel();
            session.authExchange(null);
            session.reject(replies.reply(SmtpReplies.Key.AUTH_CANCELLED), SmtpStatistics.Rejection.AUTHENTICATION);
            return;
        }
        byte[] response = SaslText.decode(line, false);
        if (response == null) {
            exchange.cancel();
            session.authExchange(null);
            session.reject(replies.reply(SmtpReplies.Key.AUTH_MALFORMED), SmtpStatistics.Rejection.AUTHENTICATION);
            return;
        }
        session.await(exchange.sasl.respond(response), (step, failure) -> step(session, step, failure));
    }

    private static void step(SmtpSession session, SaslStep step, Throwable failure) {
        SmtpReplies replies = session.replies();
        if (failure != null) {
            session.authExchange(null);
            session.reject(replies.reply(SmtpReplies.Key.AUTH_UNAVAILABLE), SmtpStatistics.Rejection.AUTHENTICATION);
            return;
        }
        if (step instanceof SaslStep.Challenge challenge) {
            session.reply(SmtpReply.of(334, "", SaslText.encode(challenge.data())));
            return;
        }
        session.authExchange(null);
        if (step instanceof SaslStep.Success success) {
            session.authenticated(success.authorizationId());
            session.server()
                    .context
                    .log()
                    .summary(
                            "{} {} authenticated as {} with {}",
                            session.id(),
                            session.remote(),
                            success.authorizationId(),
                            success.mechanism());
            session.reply(replies.reply(SmtpReplies.Key.AUTH_SUCCEEDED));
            return;
        }
        SaslStep.Failure f = (SaslStep.Failure) step;
        SmtpReplies.Key key = switch (f.reason()) {
            case MALFORMED -> SmtpReplies.Key.AUTH_MALFORMED;
            case TOO_LONG -> SmtpReplies.Key.AUTH_TOO_LONG;
            case WRONG_CREDENTIALS, NOT_AUTHORIZED -> SmtpReplies.Key.AUTH_FAILED;
            case TEMPORARY -> SmtpReplies.Key.AUTH_UNAVAILABLE;
            case CANCELLED -> SmtpReplies.Key.AUTH_CANCELLED;
        };
        session.reject(replies.reply(key), SmtpStatistics.Rejection.AUTHENTICATION);
        if (key == SmtpReplies.Key.AUTH_FAILED) {
            session.authFailed();
        }
    }
}
