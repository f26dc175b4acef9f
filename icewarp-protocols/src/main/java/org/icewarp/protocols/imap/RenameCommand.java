package org.icewarp.protocols.imap;

import org.icewarp.storage.FolderName;

/**
 * RENAME (RFC 3501 section 6.3.5): renames a mailbox with its children; renaming INBOX moves its messages to the new
 * mailbox and leaves INBOX empty (the store does that).
 */
final class RenameCommand implements ImapProcessor<RenameCommand.Request> {
    /** @param from the existing name as sent; @param to the new name as sent */
    record Request(String from, String to) {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String from = arguments.astring();
        arguments.sp();
        String to = arguments.astring();
        arguments.end();
        return new Request(from, to);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        FolderName from = session.folder(tag, request.from());
        if (from == null) {
            return;
        }
        FolderName to = session.folder(tag, request.to());
        if (to == null) {
            return;
        }
        if (to.isInbox()) {
            session.no(tag, "[ALREADYEXISTS] INBOX always exists");
            return;
        }
        session.blocking(
                () -> {
                    session.server().store().renameFolder(session.account(), from, to);
                    return Boolean.TRUE;
                },
                (done, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                    } else {
                        session.ok(tag, "RENAME completed");
                    }
                });
    }
}
