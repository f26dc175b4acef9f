package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;

/**
 * COPY (RFC 3501 section 6.4.7), MOVE (RFC 6851) and their UID forms, answered with COPYUID (RFC 4315). A missing target
 * is {@code NO [TRYCREATE]}. MOVE reports the moved messages as expunged before the tagged OK (RFC 6851 section 4.3).
 */
final class CopyCommand implements ImapProcessor<CopyCommand.Request> {
    /** @param set the messages; @param mailbox the target mailbox as sent */
    record Request(SequenceSet set, String mailbox) {}

    private final boolean uid;
    private final boolean move;

    CopyCommand(boolean uid, boolean move) {
        this.uid = uid;
        this.move = move;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        SequenceSet set = arguments.sequenceSet();
        arguments.sp();
        String mailbox = arguments.astring();
        arguments.end();
        return new Request(set, mailbox);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        SelectedMailbox mailbox = session.selected();
        String verb = (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
        FolderName target = session.folder(tag, request.mailbox());
        if (target == null) {
            return;
        }
        if (move && mailbox.readOnly) {
            session.no(tag, "[READ-ONLY] Mailbox is read-only");
            return;
        }
        List<Long> chosen = request.set().resolve(uid, mailbox.uids());
        if (chosen.isEmpty()) {
            session.ok(tag, verb + " completed");
            return;
        }
        session.blocking(
                () -> {
                    var store = session.server().store();
                    store.folder(session.account(), target); // NotFoundException → TRYCREATE
                    UidSet uids = UidSet.of(chosen);
                    if (move) {
                        return store.move(session.account(), mailbox.folder, uids, target);
                    }
                    long quota = session.server()
                            .context
                            .accounts()
                            .findAccount(session.account())
                            .map(org.icewarp.storage.Account::quotaBytes)
                            .orElse(0L);
                    return store.copy(session.account(), mailbox.folder, uids, target, quota);
                },
                (mapping, failure) -> {
                    if (failure instanceof NotFoundException) {
                        session.no(tag, "[TRYCREATE] No such mailbox");
                        return;
                    }
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    String code = copyUid(mapping);
                    if (move) {
                        // RFC 6851 section 4.3: COPYUID in an untagged OK, before the EXPUNGEs
                        if (!code.isEmpty()) {
                            session.untagged("OK " + code + " Moved");
                        }
                        if (session.selected() == mailbox) {
                            mailbox.expunged(new ArrayList<>(mapping.uids().keySet()))
                                    .forEach(session::untagged);
                        }
                        session.ok(tag, verb + " completed");
                    } else {
                        session.ok(tag, (code.isEmpty() ? "" : code + " ") + verb + " completed");
                    }
                });
    }

    private static String copyUid(UidMapping mapping) {
        if (mapping.uids().isEmpty()) {
            return "";
        }
        List<Long> from = new ArrayList<>();
        List<Long> to = new ArrayList<>();
        for (Map.Entry<Long, Long> e : mapping.uids().entrySet()) {
            from.add(e.getKey());
            to.add(e.getValue());
        }
        return "[COPYUID " + mapping.destinationUidValidity() + " " + join(from) + " " + join(to) + "]";
    }

    private static String join(List<Long> uids) {
        StringBuilder sb = new StringBuilder();
        for (long u : uids) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(u);
        }
        return sb.toString();
    }
}
