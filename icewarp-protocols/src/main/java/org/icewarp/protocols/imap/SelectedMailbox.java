package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;

/**
 * The session's view of its selected mailbox: the UIDs in sequence-number order, the flags last told to the client,
 * and the store's changes not yet reported. Changes from any session (this one included) arrive through the store's
 * listener on the store's thread and are queued; the event loop applies them only at the end of a command (or during
 * IDLE), so sequence numbers never shift in the middle of one. Expunges wait while a command that forbids them runs
 * (FETCH, STORE, SEARCH; RFC 3501 section 7.4.1).
 *
 * <p>Everything but the store's listener runs on the session's event loop.
 */
final class SelectedMailbox implements AutoCloseable {
    final FolderName folder;
    final long uidValidity;
    final boolean readOnly;

    private final List<Long> uids;
    private final Map<Long, Flags> flags = new HashMap<>();
    private final Set<Long> recent;
    private final Queue<MailboxEvent> events;
    private final Changes changes;

    /**
     * Listens to a folder before its messages are read, so that no change between the snapshot and the selection is
     * lost; changes the snapshot already holds are recognised and dropped when applied. Call on the blocking executor.
     */
    static final class Changes implements AutoCloseable {
        private final Queue<MailboxEvent> events = new ConcurrentLinkedQueue<>();
        private final MailboxStore.Registration registration;
        private volatile Runnable wakeUp = () -> {};

        Changes(MailboxStore store, EmailAddress account, FolderName folder) {
            EmailAddress key = account.folded();
            this.registration = store.addListener(event -> {
                if (event.account().folded().equals(key) && event.folder().equals(folder)) {
                    events.add(event);
                    wakeUp.run();
                }
            });
        }

        @Override
        public void close() {
            registration.close();
        }
    }

    SelectedMailbox(
            Changes changes,
            FolderName folder,
            long uidValidity,
            boolean readOnly,
            List<MessageMetadata> messages,
            Set<Long> recent,
            Runnable wakeUp) {
        this.folder = folder;
        this.uidValidity = uidValidity;
        this.readOnly = readOnly;
        this.uids = new ArrayList<>(messages.size());
        for (MessageMetadata m : messages) {
            uids.add(m.uid());
            flags.put(m.uid(), m.flags());
        }
        this.recent = new HashSet<>(recent);
        this.changes = changes;
        this.events = changes.events;
        changes.wakeUp = wakeUp;
    }

    /** The UIDs in sequence-number order (read-only). */
    List<Long> uids() {
        return Collections.unmodifiableList(uids);
    }

    int exists() {
        return uids.size();
    }

    /** The sequence number of a UID, or 0 when it is not in the view. */
    int sequence(long uid) {
        int i = Collections.binarySearch(uids, uid);
        return i < 0 ? 0 : i + 1;
    }

    boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    /** Remembers flags this session has told the client (so the store's echo of the change is not told twice). */
    void told(long uid, Flags f) {
        if (flags.containsKey(uid)) {
            flags.put(uid, f);
        }
    }

    /**
     * Removes expunged messages from the view.
     *
     * @return the untagged EXPUNGE responses, in the order to send them
     */
    List<String> expunged(List<Long> removed) {
        List<String> out = new ArrayList<>();
        for (long uid : removed) {
            int seq = sequence(uid);
            if (seq > 0) {
                uids.remove(seq - 1);
                flags.remove(uid);
                recent.remove(uid);
                out.add(seq + " EXPUNGE");
            }
        }
        return out;
    }

    /** Whether changes wait to be applied. */
    boolean hasEvents() {
        return !events.isEmpty();
    }

    /**
     * Applies the queued changes.
     *
     * @param allowExpunge whether EXPUNGE responses may be sent now; when not, the queue stops at the first expunge
     * @return the untagged responses to send
     */
    List<String> drain(boolean allowExpunge) {
        List<String> out = new ArrayList<>();
        boolean added = false;
        MailboxEvent event;
        while ((event = events.peek()) != null) {
            if (event instanceof MailboxEvent.MessagesExpunged e) {
                if (!allowExpunge) {
                    break;
                }
                if (added) {
                    // the client must know of a message before it hears of its expunge
                    out.add(uids.size() + " EXISTS");
                    added = false;
                }
                out.addAll(expunged(e.uids()));
            } else if (event instanceof MailboxEvent.MessageAdded a) {
                long last = uids.isEmpty() ? 0 : uids.get(uids.size() - 1);
                if (a.uidValidity() == uidValidity && a.uid() > last) {
                    uids.add(a.uid());
                    flags.put(a.uid(), null);
                    added = true;
                }
            } else if (event instanceof MailboxEvent.FlagsChanged f) {
                for (MessageMetadata m : f.messages()) {
                    int seq = sequence(m.uid());
                    if (seq > 0 && !m.flags().equals(flags.get(m.uid()))) {
                        flags.put(m.uid(), m.flags());
                        out.add(seq + " FETCH (UID " + m.uid() + " FLAGS "
                                + ImapStrings.flags(m.flags(), recent.contains(m.uid())) + ")");
                    }
                }
            }
            events.poll();
        }
        if (added) {
            out.add(uids.size() + " EXISTS");
        }
        return out;
    }

    @Override
    public void close() {
        changes.close();
    }
}
