package org.icewarp.protocols.imap;

import org.icewarp.storage.Account;
import org.icewarp.storage.AccountUsage;

/**
 * GETQUOTA and GETQUOTAROOT (RFC 9208), backed by the account's quota: one quota root {@code ""} for every mailbox,
 * with the STORAGE resource in units of 1024 octets (RFC 9208 section 5.1); the account's quota is in bytes only, so
 * there is no MESSAGE resource. An account without a quota has a root with no resources. SETQUOTA is refused: quotas are the administrator's.
 */
final class QuotaCommand implements ImapProcessor<QuotaCommand.Request> {
    /** What was asked. */
    enum Kind {
        GET_QUOTA,
        GET_QUOTA_ROOT,
        SET_QUOTA
    }

    /** @param argument the quota root (GETQUOTA) or the mailbox name (GETQUOTAROOT) */
    record Request(String argument) {}

    private final Kind kind;

    QuotaCommand(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String argument = arguments.astring();
        if (kind == Kind.SET_QUOTA) {
            arguments.sp();
            arguments.expect('(');
            if (arguments.peek() != ')') {
                arguments.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789- ");
            }
            arguments.expect(')');
        }
        arguments.end();
        return new Request(argument);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        if (kind == Kind.SET_QUOTA) {
            session.no(tag, "[NOPERM] Quotas are set by the administrator");
            return;
        }
        if (kind == Kind.GET_QUOTA && !request.argument().isEmpty()) {
            session.no(tag, "[NONEXISTENT] No such quota root");
            return;
        }
        if (kind == Kind.GET_QUOTA_ROOT && session.folder(tag, request.argument()) == null) {
            return;
        }
        ImapServer server = session.server();
        session.blocking(
                () -> {
                    long limit = server.context
                            .accounts()
                            .findAccount(session.account())
                            .map(Account::quotaBytes)
                            .orElse(0L);
                    AccountUsage usage = server.store().usage(session.account());
                    return new long[] {limit, usage.bytes(), usage.messages()};
                },
                (q, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    if (kind == Kind.GET_QUOTA_ROOT) {
                        session.untagged("QUOTAROOT " + ImapStrings.string(request.argument()) + " \"\"");
                    }
                    String resources = q[0] == 0 ? "" : "STORAGE " + (q[1] + 1023) / 1024 + " " + q[0] / 1024;
                    session.untagged("QUOTA \"\" (" + resources + ")");
                    session.ok(tag, (kind == Kind.GET_QUOTA ? "GETQUOTA" : "GETQUOTAROOT") + " completed");
                });
    }
}
