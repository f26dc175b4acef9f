package org.icewarp.protocols.imap;

import org.icewarp.storage.FolderName;

/**
 * DELETE (RFC 3501 section 6.3.4). INBOX and mailboxes with children cannot be deleted ({@code NO [CANNOT]}, from the
 * store's {@link org.icewarp.storage.ConflictException}); deleting the selected mailbox deselects it.
 */
final class DeleteCommand implements ImapProcessor<DeleteCommand.Request> {
    /** @param mailbox the mailbox name as sent */
    record Request(String mailbox) {}

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
        if (name.isInbox()) {
            session.no(tag, "[CANNOT] INBOX cannot be deleted");
            return;
        }
        session.blocking(
                () -> {
                    session.server().store().deleteFolder(session.account(), name);
                    return Boolean.TRUE;
                },
                (done, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    if (session.selected() != null && session.selected().folder.equals(name)) {
                        session.select(null);
                    }
                    session.ok(tag, "DELETE completed");
                });
    }
}
