package org.icewarp.protocols.imap;

import java.util.List;
import org.icewarp.storage.UidSet;

/** EXPUNGE (RFC 3501 section 6.4.3) and UID EXPUNGE (RFC 4315 section 2.1). */
final class ExpungeCommand implements ImapProcessor<ExpungeCommand.Request> {
    /** @param uids the UID set of UID EXPUNGE, or {@code null} for all */
    record Request(SequenceSet uids) {}

    private final boolean uid;

    ExpungeCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Request parse(ImapReader arguments) {
        SequenceSet set = null;
        if (uid) {
            arguments.sp();
            set = arguments.sequenceSet();
        }
        arguments.end();
        return new Request(set);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        SelectedMailbox mailbox = session.selected();
        if (mailbox.readOnly) {
            session.no(tag, "[READ-ONLY] Mailbox is read-only");
            return;
        }
        UidSet set = UidSet.ALL;
        if (request.uids() != null) {
            List<Long> chosen = request.uids().byUid(mailbox.uids());
            if (chosen.isEmpty()) {
                session.ok(tag, "UID EXPUNGE completed");
                return;
            }
            set = UidSet.of(chosen);
        }
        UidSet target = set;
        session.blocking(
                () -> session.server().store().expunge(session.account(), mailbox.folder, target),
                (removed, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    if (session.selected() == mailbox) {
                        mailbox.expunged(removed).forEach(session::untagged);
                    }
                    session.ok(tag, (uid ? "UID EXPUNGE" : "EXPUNGE") + " completed");
                });
    }
}
