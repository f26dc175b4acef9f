package org.icewarp.protocols.imap;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.icewarp.core.auth.sasl.SaslContext;
import org.icewarp.core.auth.sasl.SaslExchange;
import org.icewarp.core.auth.sasl.SaslStep;
import org.icewarp.protocols.internal.SaslText;
import org.icewarp.storage.EmailAddress;

/**
 * AUTHENTICATE (RFC 3501 section 6.2.2) with SASL-IR (RFC 4959): {@code AUTHENTICATE mech [initial-response]}, then
 * {@code +} challenges and base64 client lines until the mechanism succeeds or fails; {@code *} cancels. Mechanisms run
 * through the kernel's {@link org.icewarp.core.auth.sasl.SaslMechanisms}, so the login policy and the authentication
 * log see IMAP logins like any other.
 */
final class AuthenticateCommand implements ImapProcessor<AuthenticateCommand.Request> {

    /** @param mechanism the SASL mechanism; @param initialResponse the SASL-IR response, or {@code null} */
    record Request(String mechanism, String initialResponse) {}

    /** An exchange in progress: the next client line is its response. */
    static final class Exchange {
        private final SaslExchange sasl;
        private final String tag;

        Exchange(SaslExchange sasl, String tag) {
            this.sasl = sasl;
            this.tag = tag;
        }

        void cancel() {
            sasl.cancel();
        }
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String mechanism = arguments.atom();
        String initial = null;
        if (arguments.maybeSp()) {
            initial = arguments.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
        }
        arguments.end();
        return new Request(mechanism, initial);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        ImapServer server = session.server();
        boolean tls = session.tls();
        Optional<SaslExchange> exchange = Optional.empty();
        if (server.authenticator != null) {
            SaslContext context = new SaslContext(
                    "imap",
                    server.settings.hostName(),
                    session.remote(),
                    tls,
                    server.sasl,
                    server.authenticator.saslBackend(server.context.name(), session.id()),
                    server.context.blockingExecutor());
            exchange = server.mechanisms.newExchange(request.mechanism(), context);
        }
        if (exchange.isEmpty()) {
            boolean needsTls = server.authenticator != null
                    && !tls
                    && server.mechanisms
                            .find(request.mechanism(), server.sasl, true)
                            .isPresent();
            session.no(tag, needsTls ? "[PRIVACYREQUIRED] Mechanism needs TLS" : "Unsupported mechanism");
            return;
        }
        SaslExchange sasl = exchange.get();
        CompletionStage<SaslStep> first;
        if (request.initialResponse() != null) {
            byte[] initial = SaslText.decode(request.initialResponse(), true);
            if (initial == null) {
                sasl.cancel();
                session.bad(tag, "Invalid base64 in the initial response");
                return;
            }
            first = sasl.start(initial);
        } else {
            first = sasl.start();
        }
        Exchange running = new Exchange(sasl, tag);
        session.authExchange(running);
        session.await(first, (step, failure) -> step(session, running, step, failure));
    }

    /** The client's line while an exchange is in progress. */
    static void respond(ImapSession session, String line) {
        Exchange exchange = session.authExchange();
        if (line.equals("*")) {
            exchange.cancel();
            session.authExchange(null);
            session.bad(exchange.tag, "AUTHENTICATE cancelled");
            return;
        }
        byte[] response = SaslText.decode(line, false);
        if (response == null) {
            exchange.cancel();
            session.authExchange(null);
            session.bad(exchange.tag, "Invalid base64 in the response");
            return;
        }
        session.await(exchange.sasl.respond(response), (step, failure) -> step(session, exchange, step, failure));
    }

    private static void step(ImapSession session, Exchange exchange, SaslStep step, Throwable failure) {
        String tag = exchange.tag;
        if (failure != null) {
            session.authExchange(null);
            session.no(tag, "[UNAVAILABLE] Authentication is temporarily unavailable");
            return;
        }
        if (step instanceof SaslStep.Challenge challenge) {
            session.continuation(SaslText.encode(challenge.data()));
            return;
        }
        session.authExchange(null);
        if (step instanceof SaslStep.Success success) {
            EmailAddress account;
            try {
                account = EmailAddress.parse(success.authorizationId());
            } catch (RuntimeException e) {
                session.no(tag, "[AUTHORIZATIONFAILED] Not a mailbox account");
                return;
            }
            session.authenticated(account);
            session.ok(tag, "[CAPABILITY " + session.capabilities() + "] AUTHENTICATE completed");
            return;
        }
        SaslStep.Failure f = (SaslStep.Failure) step;
        switch (f.reason()) {
            case MALFORMED -> session.bad(tag, "Malformed authentication exchange");
            case TOO_LONG -> session.bad(tag, "Authentication response too long");
            case CANCELLED -> session.bad(tag, "AUTHENTICATE cancelled");
            case TEMPORARY -> session.no(tag, "[UNAVAILABLE] Authentication is temporarily unavailable");
            case WRONG_CREDENTIALS, NOT_AUTHORIZED -> {
                session.no(tag, "[AUTHENTICATIONFAILED] Authentication failed");
                session.authFailed();
            }
        }
    }
}
