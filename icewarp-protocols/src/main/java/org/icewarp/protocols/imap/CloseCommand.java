package org.icewarp.protocols.imap;

import org.icewarp.storage.UidSet;

/**
 * CLOSE (RFC 3501 section 6.4.2: expunges silently unless read-only, then deselects) and UNSELECT (RFC 3691:
 * deselects without expunging).
 */
final class CloseCommand implements ImapProcessor<CloseCommand.Request> {
    /** No arguments. */
    record Request() {}

    private final boolean expunge;

    CloseCommand(boolean expunge) {
        this.expunge = expunge;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.end();
        return new Request();
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        SelectedMailbox mailbox = session.selected();
        String verb = expunge ? "CLOSE" : "UNSELECT";
        // deselect first: no untagged EXPUNGE may follow CLOSE
        session.select(null);
        if (!expunge || mailbox.readOnly) {
            session.ok(tag, verb + " completed");
            return;
        }
        session.blocking(
                () -> session.server().store().expunge(session.account(), mailbox.folder, UidSet.ALL),
                (removed, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                    } else {
                        session.ok(tag, verb + " completed");
                    }
                });
    }
}
