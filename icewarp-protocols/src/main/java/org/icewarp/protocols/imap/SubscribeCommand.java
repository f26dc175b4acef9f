package org.icewarp.protocols.imap;

import org.icewarp.storage.FolderName;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 3501 sections 6.3.6, 6.3.7). */
final class SubscribeCommand implements ImapProcessor<SubscribeCommand.Request> {
    /** @param mailbox the mailbox name as sent */
    record Request(String mailbox) {}

    private final boolean subscribe;

    SubscribeCommand(boolean subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String mailbox = arguments.astring();
        arguments.end();
        return new Request(mailbox);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        FolderName name = session.folder(tag, request.mailbox());
        if (name == null) {
            return;
        }
        session.blocking(
                () -> {
                    session.server().store().setSubscribed(session.account(), name, subscribe);
                    return Boolean.TRUE;
                },
                (done, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                    } else {
                        session.ok(tag, (subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE") + " completed");
                    }
                });
    }
}
