package org.icewarp.protocols.pop3;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.protocols.internal.SaslText;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.InvalidNameException;

/**
 * AUTH (RFC 5034): {@code AUTH mechanism [initial-response]}, then {@code + base64} challenges and base64 client lines
 * until the mechanism is done; {@code *} cancels. A bare {@code AUTH} lists the mechanisms offered on this connection
 * (the pre-RFC 5034 form some clients still send). Every mechanism runs through the kernel's authenticator, so the login
 * policy and the authentication log see it like any other login; plain-text mechanisms are offered and accepted only
 * where the policy allows them.
 */
final class AuthVerb implements Pop3Verb {

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
    public void handle(Pop3Session session, String argument, List<String> args) {
        Pop3Server server = session.server();
        Pop3Replies replies = session.replies();
        boolean tls = session.tls();
        if (args.isEmpty()) {
            List<String> names = new ArrayList<>();
            if (server.authenticator != null) {
                server.mechanisms.advertised(server.sasl, tls).forEach(m -> names.add(m.name()));
            }
            session.multiLine(replies.reply(Pop3Replies.Key.AUTH_LIST), names);
            return;
        }
        String mechanism = args.get(0);
        Optional<SaslExchange> exchange = Optional.empty();
        if (server.authenticator != null) {
            SaslContext context = new SaslContext(
                    "pop",
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
            session.reply(
                    replies.reply(needsTls ? Pop3Replies.Key.PLAINTEXT_DISABLED : Pop3Replies.Key.MECHANISM_UNKNOWN));
            return;
        }
        SaslExchange sasl = exchange.get();
        CompletionStage<SaslStep> first;
        if (args.size() == 2) {
            byte[] initial = SaslText.decode(args.get(1), true);
            if (initial == null) {
                sasl.cancel();
                session.reply(replies.reply(Pop3Replies.Key.AUTH_MALFORMED));
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
    static void respond(Pop3Session session, String line) {
        Exchange exchange = session.authExchange();
        Pop3Replies replies = session.replies();
        if (line.equals("*")) {
            exchange.cancel();
            session.authExchange(null);
            session.reply(replies.reply(Pop3Replies.Key.AUTH_CANCELLED));
            return;
        }
        byte[] response = SaslText.decode(line, false);
        if (response == null) {
            exchange.cancel();
            session.authExchange(null);
            session.reply(replies.reply(Pop3Replies.Key.AUTH_MALFORMED));
            return;
        }
        session.await(exchange.sasl.respond(response), (step, failure) -> step(session, step, failure));
    }

    private static void step(Pop3Session session, SaslStep step, Throwable failure) {
        Pop3Replies replies = session.replies();
        if (failure != null) {
            session.authExchange(null);
            session.reply(replies.reply(Pop3Replies.Key.AUTH_UNAVAILABLE));
            return;
        }
        if (step instanceof SaslStep.Challenge challenge) {
            // RFC 5034 section 4: "+" SP base64, not a status line
            String line = "+ " + SaslText.encode(challenge.data()) + "\r\n";
            session.context().write(Unpooled.copiedBuffer(line, StandardCharsets.US_ASCII));
            return;
        }
        session.authExchange(null);
        if (step instanceof SaslStep.Success success) {
            EmailAddress account;
            try {
                account = EmailAddress.parse(success.authorizationId());
            } catch (InvalidNameException e) {
                session.reply(replies.reply(Pop3Replies.Key.MAILDROP_UNAVAILABLE));
                return;
            }
            Login.open(session, account, success.mechanism());
            return;
        }
        SaslStep.Failure f = (SaslStep.Failure) step;
        switch (f.reason()) {
            case MALFORMED, TOO_LONG -> session.reply(replies.reply(Pop3Replies.Key.AUTH_MALFORMED));
            case CANCELLED -> session.reply(replies.reply(Pop3Replies.Key.AUTH_CANCELLED));
            case TEMPORARY -> session.reply(replies.reply(Pop3Replies.Key.AUTH_UNAVAILABLE));
            case WRONG_CREDENTIALS, NOT_AUTHORIZED -> {
                session.server()
                        .context
                        .log()
                        .summary(
                                "{} {} login failed for {} with {}",
                                session.id(),
                                session.remote(),
                                f.attemptedUser().orElse("?"),
                                "SASL");
                session.authFailed(replies.reply(Pop3Replies.Key.AUTH_FAILED));
            }
        }
    }
}
