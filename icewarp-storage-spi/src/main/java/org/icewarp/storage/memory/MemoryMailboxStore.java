package org.icewarp.storage.memory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.icewarp.storage.AccountUsage;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxListener;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.QuotaExceededException;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageException;
import org.icewarp.storage.StorageUnavailableException;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailboxes in memory. Each account's mailbox is guarded by its own monitor; listeners are called after the monitor
 * is released. Messages are byte arrays, so this store is not for large messages.
 */
final class MemoryMailboxStore implements MailboxStore {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryMailboxStore.class);

    private final ConcurrentHashMap<EmailAddress, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong lastUidValidity;
    private volatile boolean closed;

    MemoryMailboxStore(Clock clock) {
        this.lastUidValidity = new AtomicLong(Math.max(1, clock.instant().getEpochSecond() % UidSet.MAX));
    }

    private static final class Mailbox {
        final TreeMap<FolderName, Box> folders = new TreeMap<>();
    }

    private static final class Box {
        long uidValidity;
        long uidNext = 1;
        long firstRecent = 1;
        boolean subscribed;
        Set<SpecialUse> specialUse;
        final TreeMap<Long, Msg> messages = new TreeMap<>();
        long unseen;
        long size;

        Box(long uidValidity, Set<SpecialUse> specialUse) {
            this.uidValidity = uidValidity;
            this.specialUse = specialUse;
        }

        Folder folder(FolderName name) {
            return new Folder(name, uidValidity, subscribed, specialUse);
        }

        void add(Msg m) {
            messages.put(m.meta.uid(), m);
            size += m.meta.size();
            if (!m.meta.flags().has(Flag.SEEN)) {
                unseen++;
            }
        }

        Msg remove(long uid) {
            Msg m = messages.remove(uid);
            if (m != null) {
                size -= m.meta.size();
                if (!m.meta.flags().has(Flag.SEEN)) {
                    unseen--;
                }
            }
            return m;
        }
    }

    private record Msg(MessageMetadata meta, byte[] content) {
        Msg withUid(long uid) {
            return new Msg(new MessageMetadata(uid, meta.size(), meta.internalDate(), meta.flags()), content);
        }
    }

    private long nextUidValidity() {
        return lastUidValidity.updateAndGet(v -> v >= UidSet.MAX ? 1 : v + 1);
    }

    private Mailbox mailbox(EmailAddress account) {
        if (closed) {
            throw new StorageException("the mailbox store is closed");
        }
        Mailbox m = mailboxes.get(account.folded());
        if (m == null) {
            throw new NotFoundException("account " + account + " has no mailbox");
        }
        return m;
    }

    private static Box box(Mailbox m, EmailAddress account, FolderName name) {
        Box b = m.folders.get(name);
        if (b == null) {
            throw new NotFoundException("folder '" + name + "' of " + account + " does not exist");
        }
        return b;
    }

    private void fire(List<MailboxEvent> events) {
        for (MailboxEvent e : events) {
            for (MailboxListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException ex) {
                    LOG.warn("mailbox listener failed on {}", e, ex);
                }
            }
        }
    }

    @Override
    public void createMailbox(EmailAddress account) {
        if (closed) {
            throw new StorageException("the mailbox store is closed");
        }
        Mailbox m = mailboxes.computeIfAbsent(account.folded(), a -> new Mailbox());
        boolean created = false;
        synchronized (m) {
            if (!m.folders.containsKey(FolderName.INBOX)) {
                m.folders.put(FolderName.INBOX, new Box(nextUidValidity(), Set.of()));
                created = true;
            }
        }
        if (created) {
            fire(List.of(new MailboxEvent.FolderChanged(
                    account, FolderName.INBOX, MailboxEvent.FolderChanged.Kind.CREATED, null)));
        }
    }

    @Override
    public void deleteMailbox(EmailAddress account) {
        Mailbox m = mailboxes.remove(account.folded());
        if (m == null) {
            throw new NotFoundException("account " + account + " has no mailbox");
        }
    }

    @Override
    public List<Folder> folders(EmailAddress account) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            List<Folder> out = new ArrayList<>();
            m.folders.forEach((n, b) -> out.add(b.folder(n)));
            return out;
        }
    }

    @Override
    public Folder folder(EmailAddress account, FolderName name) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            return box(m, account, name).folder(name);
        }
    }

    @Override
    public Folder createFolder(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        Mailbox m = mailbox(account);
        List<MailboxEvent> events = new ArrayList<>();
        Folder created;
        synchronized (m) {
            if (m.folders.containsKey(name)) {
                throw new AlreadyExistsException("folder '" + name + "' of " + account + " exists");
            }
            createParents(m, account, name, events);
            Box b = new Box(nextUidValidity(), specialUse.isEmpty() ? Set.of() : EnumSet.copyOf(specialUse));
            m.folders.put(name, b);
            events.add(new MailboxEvent.FolderChanged(account, name, MailboxEvent.FolderChanged.Kind.CREATED, null));
            created = b.folder(name);
        }
        fire(events);
        return created;
    }

    @Override
    public void renameFolder(EmailAddress account, FolderName from, FolderName to) {
        Mailbox m = mailbox(account);
        if (to.isWithin(from)) {
            throw new InvalidNameException("cannot rename '" + from + "' to '" + to + "' inside itself");
        }
        List<MailboxEvent> events = new ArrayList<>();
        synchronized (m) {
            Box source = box(m, account, from);
            if (from.isInbox()) {
                if (m.folders.containsKey(to)) {
                    throw new AlreadyExistsException("folder '" + to + "' of " + account + " exists");
                }
                createParents(m, account, to, events);
                Box target = new Box(nextUidValidity(), Set.of());
                List<Long> moved = new ArrayList<>();
                for (Msg msg : new ArrayList<>(source.messages.values())) {
                    source.remove(msg.meta.uid());
                    moved.add(msg.meta.uid());
                    target.add(msg.withUid(target.uidNext++));
                }
                m.folders.put(to, target);
                events.add(new MailboxEvent.FolderChanged(account, to, MailboxEvent.FolderChanged.Kind.CREATED, null));
                if (!moved.isEmpty()) {
                    events.add(new MailboxEvent.MessagesExpunged(account, FolderName.INBOX, moved));
                }
            } else {
                Map<FolderName, FolderName> moves = new LinkedHashMap<>();
                for (FolderName n : m.folders.keySet()) {
                    if (n.isWithin(from)) {
                        FolderName target = n.rebase(from, to);
                        if (m.folders.containsKey(target)) {
                            throw new AlreadyExistsException("folder '" + target + "' of " + account + " exists");
                        }
                        moves.put(n, target);
                    }
                }
                Map<FolderName, Box> boxes = new LinkedHashMap<>();
                moves.forEach((a, b) -> boxes.put(b, m.folders.remove(a)));
                m.folders.putAll(boxes);
                createParents(m, account, to, events);
                events.add(new MailboxEvent.FolderChanged(account, from, MailboxEvent.FolderChanged.Kind.RENAMED, to));
            }
        }
        fire(events);
    }

    /** Creates the missing parents of {@code name}, outermost first, and notes an event for each. */
    private void createParents(Mailbox m, EmailAddress account, FolderName name, List<MailboxEvent> events) {
        List<FolderName> missing = new ArrayList<>();
        for (FolderName p = name.parent(); p != null && !m.folders.containsKey(p); p = p.parent()) {
            missing.add(0, p);
        }
        for (FolderName p : missing) {
            m.folders.put(p, new Box(nextUidValidity(), Set.of()));
            events.add(new MailboxEvent.FolderChanged(account, p, MailboxEvent.FolderChanged.Kind.CREATED, null));
        }
    }

    @Override
    public void deleteFolder(EmailAddress account, FolderName name) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            box(m, account, name);
            if (name.isInbox()) {
                throw new ConflictException("INBOX of " + account + " cannot be deleted");
            }
            FolderName next = m.folders.higherKey(name);
            if (next != null && next.isWithin(name)) {
                throw new ConflictException("folder '" + name + "' of " + account + " has children");
            }
            m.folders.remove(name);
        }
        fire(List.of(new MailboxEvent.FolderChanged(account, name, MailboxEvent.FolderChanged.Kind.DELETED, null)));
    }

    @Override
    public void setSubscribed(EmailAddress account, FolderName name, boolean subscribed) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            box(m, account, name).subscribed = subscribed;
        }
    }

    @Override
    public void setSpecialUse(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            box(m, account, name).specialUse = specialUse.isEmpty() ? Set.of() : EnumSet.copyOf(specialUse);
        }
    }

    private static long totalBytes(Mailbox m) {
        long total = 0;
        for (Box b : m.folders.values()) {
            total += b.size;
        }
        return total;
    }

    @Override
    public AppendResult append(EmailAddress account, FolderName folder, InputStream content, AppendRequest request) {
        Mailbox m = mailbox(account);
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new StorageUnavailableException(
                    "reading the message for " + account + " failed: " + e.getMessage(), e);
        }
        AppendResult result;
        synchronized (m) {
            Box b = box(m, account, folder);
            if (request.quotaBytes() > 0 && totalBytes(m) + bytes.length > request.quotaBytes()) {
                throw new QuotaExceededException(
                        "account " + account + " would exceed its quota of " + request.quotaBytes() + " bytes");
            }
            if (b.uidNext > UidSet.MAX) {
                throw new ConflictException("folder '" + folder + "' of " + account + " has used every UID");
            }
            long uid = b.uidNext++;
            b.add(new Msg(new MessageMetadata(uid, bytes.length, request.internalDate(), request.flags()), bytes));
            result = new AppendResult(uid, b.uidValidity, b.uidNext, bytes.length);
        }
        fire(List.of(new MailboxEvent.MessageAdded(account, folder, result.uidValidity(), result.uid())));
        return result;
    }

    @Override
    public List<MessageMetadata> messages(EmailAddress account, FolderName folder, UidSet uids) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            Box b = box(m, account, folder);
            List<MessageMetadata> out = new ArrayList<>();
            for (long[] r : uids.ranges()) {
                for (Msg msg : b.messages.subMap(r[0], true, r[1], true).values()) {
                    out.add(msg.meta);
                }
            }
            return out;
        }
    }

    private Msg message(EmailAddress account, FolderName folder, long uid) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            Msg msg = box(m, account, folder).messages.get(uid);
            if (msg == null) {
                throw new NotFoundException(
                        "message " + uid + " in '" + folder + "' of " + account + " does not exist");
            }
            return msg;
        }
    }

    @Override
    public InputStream open(EmailAddress account, FolderName folder, long uid) {
        return new ByteArrayInputStream(message(account, folder, uid).content);
    }

    @Override
    public InputStream open(EmailAddress account, FolderName folder, long uid, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        byte[] c = message(account, folder, uid).content;
        int from = (int) Math.min(offset, c.length);
        int len = (int) Math.min(length, c.length - from);
        return new ByteArrayInputStream(c, from, len);
    }

    @Override
    public List<MessageMetadata> updateFlags(EmailAddress account, FolderName folder, UidSet uids, FlagUpdate update) {
        Mailbox m = mailbox(account);
        List<MessageMetadata> changed = new ArrayList<>();
        synchronized (m) {
            Box b = box(m, account, folder);
            for (long[] r : uids.ranges()) {
                for (Msg msg : new ArrayList<>(
                        b.messages.subMap(r[0], true, r[1], true).values())) {
                    Flags next = update.apply(msg.meta.flags());
                    if (!next.equals(msg.meta.flags())) {
                        MessageMetadata meta =
                                new MessageMetadata(msg.meta.uid(), msg.meta.size(), msg.meta.internalDate(), next);
                        b.remove(msg.meta.uid());
                        b.add(new Msg(meta, msg.content));
                        changed.add(meta);
                    }
                }
            }
        }
        if (!changed.isEmpty()) {
            fire(List.of(new MailboxEvent.FlagsChanged(account, folder, changed)));
        }
        return changed;
    }

    @Override
    public List<Long> expunge(EmailAddress account, FolderName folder, UidSet uids) {
        Mailbox m = mailbox(account);
        List<Long> gone = new ArrayList<>();
        synchronized (m) {
            Box b = box(m, account, folder);
            for (long[] r : uids.ranges()) {
                for (Msg msg : new ArrayList<>(
                        b.messages.subMap(r[0], true, r[1], true).values())) {
                    if (msg.meta.flags().has(Flag.DELETED)) {
                        b.remove(msg.meta.uid());
                        gone.add(msg.meta.uid());
                    }
                }
            }
        }
        if (!gone.isEmpty()) {
            fire(List.of(new MailboxEvent.MessagesExpunged(account, folder, gone)));
        }
        return gone;
    }

    @Override
    public UidMapping copy(EmailAddress account, FolderName from, UidSet uids, FolderName to, long quotaBytes) {
        return transfer(account, from, uids, to, quotaBytes, false);
    }

    @Override
    public UidMapping move(EmailAddress account, FolderName from, UidSet uids, FolderName to) {
        return transfer(account, from, uids, to, 0, true);
    }

    private UidMapping transfer(
            EmailAddress account, FolderName from, UidSet uids, FolderName to, long quota, boolean move) {
        Mailbox m = mailbox(account);
        Map<Long, Long> mapping = new LinkedHashMap<>();
        List<MailboxEvent> events = new ArrayList<>();
        long validity;
        synchronized (m) {
            Box source = box(m, account, from);
            Box target = box(m, account, to);
            List<Msg> picked = new ArrayList<>();
            long bytes = 0;
            for (long[] r : uids.ranges()) {
                for (Msg msg : source.messages.subMap(r[0], true, r[1], true).values()) {
                    picked.add(msg);
                    bytes += msg.meta.size();
                }
            }
            if (!move && quota > 0 && totalBytes(m) + bytes > quota) {
                throw new QuotaExceededException(
                        "account " + account + " would exceed its quota of " + quota + " bytes");
            }
            if (from.equals(to) && move) {
                return new UidMapping(source.uidValidity, Map.of());
            }
            for (Msg msg : picked) {
                long uid = target.uidNext++;
                target.add(msg.withUid(uid));
                mapping.put(msg.meta.uid(), uid);
                events.add(new MailboxEvent.MessageAdded(account, to, target.uidValidity, uid));
            }
            if (move && !picked.isEmpty()) {
                List<Long> gone = new ArrayList<>();
                for (Msg msg : picked) {
                    source.remove(msg.meta.uid());
                    gone.add(msg.meta.uid());
                }
                events.add(new MailboxEvent.MessagesExpunged(account, from, gone));
            }
            validity = target.uidValidity;
        }
        fire(events);
        return new UidMapping(validity, mapping);
    }

    @Override
    public FolderStatus status(EmailAddress account, FolderName folder) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            Box b = box(m, account, folder);
            long recent = b.messages.tailMap(b.firstRecent, true).size();
            return new FolderStatus(b.messages.size(), b.unseen, recent, b.size, b.uidNext, b.uidValidity);
        }
    }

    @Override
    public long claimRecent(EmailAddress account, FolderName folder) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            Box b = box(m, account, folder);
            long first = b.firstRecent;
            b.firstRecent = b.uidNext;
            return first;
        }
    }

    @Override
    public AccountUsage usage(EmailAddress account) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            long messages = 0;
            long bytes = 0;
            for (Box b : m.folders.values()) {
                messages += b.messages.size();
                bytes += b.size;
            }
            return new AccountUsage(messages, bytes);
        }
    }

    @Override
    public AccountUsage recount(EmailAddress account) {
        Mailbox m = mailbox(account);
        synchronized (m) {
            for (Box b : m.folders.values()) {
                List<Msg> all = new ArrayList<>(b.messages.values());
                b.messages.clear();
                b.size = 0;
                b.unseen = 0;
                all.forEach(b::add);
            }
        }
        return usage(account);
    }

    @Override
    public Folder importFolder(EmailAddress account, FolderName name, long uidValidity, Set<SpecialUse> specialUse) {
        if (uidValidity < 1 || uidValidity > UidSet.MAX) {
            throw new IllegalArgumentException("uidValidity " + uidValidity + " is outside 1.." + UidSet.MAX);
        }
        Mailbox m = mailbox(account);
        List<MailboxEvent> events = new ArrayList<>();
        Folder result;
        synchronized (m) {
            Box b = m.folders.get(name);
            if (b == null) {
                createParents(m, account, name, events);
                b = new Box(uidValidity, specialUse.isEmpty() ? Set.of() : EnumSet.copyOf(specialUse));
                m.folders.put(name, b);
                events.add(
                        new MailboxEvent.FolderChanged(account, name, MailboxEvent.FolderChanged.Kind.CREATED, null));
            } else if (b.uidValidity != uidValidity) {
                if (b.uidNext != 1) {
                    throw new ConflictException("folder '" + name + "' of " + account + " exists with UIDVALIDITY "
                            + b.uidValidity + " and has or had messages; cannot import it with UIDVALIDITY "
                            + uidValidity);
                }
                b.uidValidity = uidValidity;
            }
            // a folder created later must not get a UIDVALIDITY imported here (they only ever grow, except on wrap)
            lastUidValidity.accumulateAndGet(uidValidity, Math::max);
            result = b.folder(name);
        }
        fire(events);
        return result;
    }

    @Override
    public AppendResult importMessage(
            EmailAddress account, FolderName folder, long uid, InputStream content, AppendRequest request) {
        if (uid < 1 || uid > UidSet.MAX) {
            throw new IllegalArgumentException("uid " + uid + " is outside 1.." + UidSet.MAX);
        }
        Mailbox m = mailbox(account);
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new StorageUnavailableException(
                    "reading the message for " + account + " failed: " + e.getMessage(), e);
        }
        AppendResult result;
        synchronized (m) {
            Box b = box(m, account, folder);
            if (uid < b.uidNext) {
                throw new ConflictException("UID " + uid + " is below UIDNEXT " + b.uidNext + " of folder '" + folder
                        + "' of " + account + " (already imported or used)");
            }
            if (request.quotaBytes() > 0 && totalBytes(m) + bytes.length > request.quotaBytes()) {
                throw new QuotaExceededException(
                        "account " + account + " would exceed its quota of " + request.quotaBytes() + " bytes");
            }
            b.add(new Msg(new MessageMetadata(uid, bytes.length, request.internalDate(), request.flags()), bytes));
            b.uidNext = uid + 1;
            result = new AppendResult(uid, b.uidValidity, b.uidNext, bytes.length);
        }
        fire(List.of(new MailboxEvent.MessageAdded(account, folder, result.uidValidity(), result.uid())));
        return result;
    }

    @Override
    public void reserveUids(EmailAddress account, FolderName folder, long uidNext) {
        if (uidNext < 1 || uidNext > UidSet.MAX + 1) {
            throw new IllegalArgumentException("uidNext " + uidNext + " is outside 1.." + (UidSet.MAX + 1));
        }
        Mailbox m = mailbox(account);
        synchronized (m) {
            Box b = box(m, account, folder);
            b.uidNext = Math.max(b.uidNext, uidNext);
        }
    }

    @Override
    public Registration addListener(MailboxListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        MailboxListener wrapper = listener::onEvent;
        listeners.add(wrapper);
        return () -> listeners.remove(wrapper);
    }

    @Override
    public void close() {
        closed = true;
    }
}
