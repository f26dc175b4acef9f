package org.icewarp.protocols.imap;

import java.util.Set;
import org.icewarp.storage.FolderName;

/** CREATE (RFC 3501 section 6.3.3); a trailing delimiter is dropped, missing parents are created by the store. */
final class CreateCommand implements ImapProcessor<CreateCommand.Request> {
    /** @param mailbox the mailbox name as sent */
    record Request(String mailbox) {}

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        String mailbox = arguments.astring();
        arguments.end();
        // "foo/" asks for a name intended to hold children; the store keeps folders, so it is "foo"
        if (mailbox.length() > 1 && mailbox.charAt(mailbox.length() - 1) == MailboxNames.DELIMITER) {
            mailbox = mailbox.substring(0, mailbox.length() - 1);
        }
        return new Request(mailbox);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        FolderName name = session.folder(tag, request.mailbox());
        if (name == null) {
            return;
        }
        if (name.isInbox()) {
            session.no(tag, "[ALREADYEXISTS] INBOX always exists");
            return;
        }
        session.blocking(
                () -> session.server().store().createFolder(session.account(), name, Set.of()), (folder, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                    } else {
                        session.ok(tag, "CREATE completed");
                    }
                });
    }
}
