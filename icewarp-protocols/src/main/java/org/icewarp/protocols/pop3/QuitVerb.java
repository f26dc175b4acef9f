package org.icewarp.protocols.pop3;

import java.util.List;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.UidSet;

/**
 * QUIT (RFC 1939 sections 4 and 6). In AUTHORIZATION it only signs off. In TRANSACTION the session enters UPDATE: the
 * marked messages get {@code \Deleted} and exactly those UIDs are expunged (a message IMAP flagged {@code \Deleted}
 * but POP3 did not mark stays), then the lock is released and the connection closed. A failure answers {@code -ERR
 * [SYS/TEMP]} (section 6: "some deleted messages not removed") and still closes.
 */
final class QuitVerb implements Pop3Verb {
    @Override
    public void handle(Pop3Session session, String argument, List<String> args) {
        Pop3Replies replies = session.replies();
        if (session.state() == Pop3Session.State.AUTHORIZATION) {
            session.close(replies.reply(Pop3Replies.Key.BYE));
            return;
        }
        session.enterUpdate();
        Maildrop drop = session.maildrop();
        List<Long> marked = drop.deletedUids();
        if (marked.isEmpty()) {
            session.logLogout(0);
            session.releaseLock();
            session.close(replies.reply(Pop3Replies.Key.BYE));
            return;
        }
        MailboxStore store = session.server().context.mailboxes();
        session.blocking(
                () -> {
                    UidSet uids = UidSet.of(marked);
                    store.updateFlags(
                            drop.account(),
                            FolderName.INBOX,
                            uids,
                            new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
                    return store.expunge(drop.account(), FolderName.INBOX, uids).size();
                },
                (removed, failure) -> {
                    session.releaseLock();
                    if (failure != null) {
                        session.server()
                                .context
                                .log()
                                .summary(
                                        "{} {} {} update failed: {}",
                                        session.id(),
                                        session.remote(),
                                        drop.account(),
                                        failure.toString());
                        session.logLogout(0);
                        session.close(replies.reply(Pop3Replies.Key.UPDATE_FAILED));
                        return;
                    }
                    session.server().statistics.deleted.add(removed);
                    session.logLogout(removed);
                    session.close(replies.reply(Pop3Replies.Key.BYE_UPDATED, Integer.toString(removed)));
                });
    }
}
