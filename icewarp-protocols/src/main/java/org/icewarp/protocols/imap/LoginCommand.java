package org.icewarp.protocols.imap;

import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthResult;
import org.icewarp.core.auth.Mechanism;

/**
 * LOGIN (RFC 3501 section 6.2.3). The password travels in the clear, so it is refused with {@code NO
 * [PRIVACYREQUIRED]} (and LOGINDISABLED advertised) unless the connection is protected by TLS or the SASL settings allow
 * plain text without it. The attempt goes through the kernel's authenticator like every other login.
 */
final class LoginCommand implements ImapProcessor<LoginCommand.Request> {
    /** @param user the login name; @param password the password (never logged; {@link #toString} hides it) */
    record Request(String user, String password) {
        @Override
        public String toString() {
            return "Request[user=" + user + "]";
        }
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String user = arguments.astring();
        arguments.sp();
        String password = arguments.astring();
        arguments.end();
        return new Request(user, password);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        ImapServer server = session.server();
        boolean tls = session.tls();
        if (!server.plaintextAllowed(tls)) {
            session.no(tag, "[PRIVACYREQUIRED] Plain text login is not allowed without TLS");
            return;
        }
        AuthRequest attempt = AuthRequest.password(
                server.context.name(),
                session.remote().getAddress(),
                session.id(),
                tls,
                request.user(),
                Mechanism.LOGIN,
                request.password());
        session.await(server.authenticator.authenticate(attempt), (result, failure) -> {
            if (failure != null || result instanceof AuthResult.TemporaryFailure) {
                session.no(tag, "[UNAVAILABLE] Authentication is temporarily unavailable");
            } else if (result instanceof AuthResult.Success success) {
                session.authenticated(success.account().address());
                session.ok(tag, "[CAPABILITY " + session.capabilities() + "] LOGIN completed");
            } else if (result instanceof AuthResult.Failure f
                    && f.reason() == AuthResult.Reason.MECHANISM_NOT_ALLOWED) {
                session.no(tag, "[PRIVACYREQUIRED] Plain text login is not allowed");
            } else {
                session.no(tag, "[AUTHENTICATIONFAILED] Invalid credentials");
                session.authFailed();
            }
        });
    }
}
