package org.icewarp.protocols.imap;

import java.util.List;
import java.util.Locale;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;

/**
 * STORE and UID STORE (RFC 3501 section 6.4.6): {@code FLAGS}, {@code +FLAGS}, {@code -FLAGS}, each with {@code
 * .SILENT}. Without .SILENT every changed message is answered with an untagged FETCH (with its UID for UID STORE).
 */
final class StoreCommand implements ImapProcessor<StoreCommand.Request> {
    /** @param set the messages; @param update the change; @param silent whether the FETCH responses are left out */
    record Request(SequenceSet set, FlagUpdate update, boolean silent) {}

    private final boolean uid;

    StoreCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public Request parse(ImapReader arguments) {
        arguments.sp();
        SequenceSet set = arguments.sequenceSet();
        arguments.sp();
        String item = arguments.chars("+-FLAGSflags.SILENTsilent").toUpperCase(Locale.ROOT);
        FlagUpdate.Mode mode = switch (item.replace(".SILENT", "")) {
            case "FLAGS" -> FlagUpdate.Mode.REPLACE;
            case "+FLAGS" -> FlagUpdate.Mode.ADD;
            case "-FLAGS" -> FlagUpdate.Mode.REMOVE;
            default -> throw new ImapParseException("expected FLAGS, +FLAGS or -FLAGS");
        };
        boolean silent = item.endsWith(".SILENT");
        arguments.sp();
        List<String> flags;
        if (arguments.peek() == '(') {
            flags = arguments.flagList();
        } else {
            flags = new java.util.ArrayList<>();
            flags.add(arguments.flag());
            while (arguments.maybeSp()) {
                flags.add(arguments.flag());
            }
        }
        arguments.end();
        return new Request(set, new FlagUpdate(mode, ImapStrings.parseFlags(flags)), silent);
    }

    @Override
    public void process(ImapSession session, String tag, Request request) {
        SelectedMailbox mailbox = session.selected();
        String verb = uid ? "UID STORE" : "STORE";
        if (mailbox.readOnly) {
            session.no(tag, "[READ-ONLY] Mailbox is read-only");
            return;
        }
        List<Long> chosen = request.set().resolve(uid, mailbox.uids());
        if (chosen.isEmpty()) {
            session.ok(tag, verb + " completed");
            return;
        }
        session.blocking(
                () -> session.server()
                        .store()
                        .updateFlags(session.account(), mailbox.folder, UidSet.of(chosen), request.update()),
                (changed, failure) -> {
                    if (failure != null) {
                        session.failed(tag, failure);
                        return;
                    }
                    for (MessageMetadata m : changed) {
                        int seq = mailbox.sequence(m.uid());
                        if (seq == 0) {
                            continue;
                        }
                        mailbox.told(m.uid(), m.flags());
                        if (!request.silent()) {
                            session.untagged(seq + " FETCH (" + (uid ? "UID " + m.uid() + " " : "") + "FLAGS "
                                    + ImapStrings.flags(m.flags(), mailbox.isRecent(m.uid())) + ")");
                        }
                    }
                    session.ok(tag, verb + " completed");
                });
    }
}
