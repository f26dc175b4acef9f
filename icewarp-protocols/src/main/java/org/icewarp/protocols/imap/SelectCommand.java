package org.icewarp.protocols.imap;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;

/**
 * SELECT and EXAMINE (RFC 3501 sections 6.3.1, 6.3.2): FLAGS, EXISTS, RECENT, UNSEEN, PERMANENTFLAGS, UIDVALIDITY and
 * UIDNEXT, then {@code OK [READ-WRITE]} or {@code [READ-ONLY]}. SELECT claims the recent messages; EXAMINE does not. A
 * failed SELECT leaves no mailbox selected (section 6.3.1).
 */
final class SelectCommand implements ImapProcessor<SelectCommand.Request> {
    private static final String FLAGS = "(\\Answered \\Flagged \\Deleted \\Seen \\Draft)";

    /** @param mailbox the mailbox name as sent */
    record Request(String mailbox) {}

    private record Opened(
            SelectedMailbox.Changes changes,
            Folder folder,
            FolderStatus status,
            List<MessageMetadata> messages,
            Set<Long> recent)
            implements AutoCloseable {
        /** Stops listening when the selection is not made after all (the connection closed meanwhile). */
        @Override
        public void close() {
            changes.close();
        }
    }

    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
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
        session.select(null);
        FolderName name = session.folder(tag, request.mailbox());
        if (name == null) {
            return;
        }
        MailboxStore store = session.server().store();
        EmailAddress account = session.account();
        session.blocking(
                () -> {
                    Folder folder = store.folder(account, name);
                    // listen first: a change after the snapshot below is queued, one before it is in it
                    SelectedMailbox.Changes changes = new SelectedMailbox.Changes(store, account, name);
                    Set<Long> recent = new HashSet<>();
                    List<MessageMetadata> messages;
                    FolderStatus status;
                    try {
                        messages = store.messages(account, name, UidSet.ALL);
                        if (!readOnly) {
                            long first = store.claimRecent(account, name);
                            for (MessageMetadata m : messages) {
                                if (first > 0 && m.uid() >= first) {
                                    recent.add(m.uid());
                                }
                            }
                        }
                        status = store.status(account, name);
                    } catch (RuntimeException e) {
                        changes.close();
                        throw e;
                    }
                    return new Opened(changes, folder, status, messages, recent);
                },
                (opened, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    SelectedMailbox mailbox = new SelectedMailbox(
                            opened.changes(),
                            name,
                            opened.folder().uidValidity(),
                            readOnly,
                            opened.messages(),
                            opened.recent(),
                            session::mailboxChanged);
                    session.select(mailbox);
                    session.untagged("FLAGS " + FLAGS);
                    session.untagged(opened.messages().size() + " EXISTS");
                    long recent = readOnly
                            ? opened.status().recent()
                            : opened.recent().size();
                    session.untagged(recent + " RECENT");
                    for (int i = 0; i < opened.messages().size(); i++) {
                        if (!opened.messages().get(i).flags().has(Flag.SEEN)) {
                            session.untagged("OK [UNSEEN " + (i + 1) + "] First unseen");
                            break;
                        }
                    }
                    session.untagged("OK [PERMANENTFLAGS " + (readOnly ? "()" : FLAGS.replace(")", " \\*)"))
                            + "] Flags permitted");
                    session.untagged("OK [UIDVALIDITY " + opened.folder().uidValidity() + "] UIDs valid");
                    session.untagged("OK [UIDNEXT " + opened.status().uidNext() + "] Predicted next UID");
                    session.ok(tag, (readOnly ? "[READ-ONLY] EXAMINE" : "[READ-WRITE] SELECT") + " completed");
                });
    }
}
