package org.icewarp.protocols.pop3;

import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.UidSet;

/**
 * What every successful authentication (PASS, APOP, AUTH) goes through: LOGIN-DELAY, the maildrop lock ({@code
 * [IN-USE]}), then the INBOX listing on the blocking executor, which fixes the message list for the session.
 */
final class Login {
    private Login() {}

    /** Authenticates a USER/PASS or APOP request and opens the maildrop on success. */
    static void authenticate(Pop3Session session, AuthRequest request) {
        Pop3Server server = session.server();
        Pop3Replies replies = session.replies();
        if (server.authenticator == null) {
            session.reply(replies.reply(Pop3Replies.Key.AUTH_UNAVAILABLE));
            return;
        }
        session.await(server.authenticator.authenticate(request), (result, failure) -> {
            if (failure != null || result instanceof AuthResult.TemporaryFailure) {
                session.reply(replies.reply(Pop3Replies.Key.AUTH_UNAVAILABLE));
            } else if (result instanceof AuthResult.Success success) {
                open(session, success.account().address(), request.mechanism().name());
            } else {
                AuthResult.Failure f = (AuthResult.Failure) result;
                session.server()
                        .context
                        .log()
                        .summary(
                                "{} {} login failed for {} with {}",
                                session.id(),
                                session.remote(),
                                request.login(),
                                request.mechanism().name());
                session.authFailed(replies.reply(
                        f.reason() == AuthResult.Reason.MECHANISM_NOT_ALLOWED
                                ? Pop3Replies.Key.PLAINTEXT_DISABLED
                                : Pop3Replies.Key.AUTH_FAILED));
            }
        });
    }

    /** Opens the maildrop of an authenticated account; call on the event loop. */
    static void open(Pop3Session session, EmailAddress account, String mechanism) {
        Pop3Server server = session.server();
        Pop3Replies replies = session.replies();
        if (!session.lock(account)) {
            server.statistics.inUse.increment();
            server.context.log().summary("{} {} {} maildrop in use", session.id(), session.remote(), account);
            session.reply(replies.reply(Pop3Replies.Key.IN_USE));
            return;
        }
        // after the lock, so that a refused IN-USE attempt does not count as a login
        if (!server.admitLogin(account.toString())) {
            session.releaseLock();
            session.reply(replies.reply(Pop3Replies.Key.LOGIN_DELAY));
            return;
        }
        session.blocking(
                () -> {
                    FolderStatus status = server.context.mailboxes().status(account, FolderName.INBOX);
                    return new Maildrop(
                            account,
                            status.uidValidity(),
                            server.context.mailboxes().messages(account, FolderName.INBOX, UidSet.ALL));
                },
                (drop, failure) -> {
                    if (failure != null) {
                        session.releaseLock();
                        boolean permanent = failure instanceof NotFoundException;
                        if (!permanent) {
                            server.context
                                    .log()
                                    .summary(
                                            "{} {} {} maildrop failed: {}",
                                            session.id(),
                                            session.remote(),
                                            account,
                                            failure.toString());
                        }
                        session.reply(replies.reply(
                                permanent ? Pop3Replies.Key.MAILDROP_UNAVAILABLE : Pop3Replies.Key.LOCAL_ERROR));
                        return;
                    }
                    session.enterTransaction(drop);
                    server.statistics.logins.increment();
                    server.context
                            .log()
                            .summary(
                                    "{} {} {} logged in with {}; {}",
                                    session.id(),
                                    session.remote(),
                                    account,
                                    mechanism,
                                    drop.describe());
                    session.reply(replies.reply(Pop3Replies.Key.LOGGED_IN, drop.describe()));
                });
    }
}
