package org.icewarp.storage.fs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.icewarp.storage.AccountUsage;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.LocalPartPolicy;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxListener;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageException;
import org.icewarp.storage.StorageUnavailableException;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailboxes as directories of message files with a journalled index per folder (see {@link FolderState}), below
 * {@code <path>/<domain>/<layout segments>/}. Every method is thread-safe; every change is durable when it returns.
 */
final class FsMailboxStore implements MailboxStore {
    private static final Logger LOG = LoggerFactory.getLogger(FsMailboxStore.class);

    private final FsSettings settings;
    private final WriteArea area;
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final List<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    /** Where the last UIDVALIDITY issued is kept (a leading dot: no encoded domain directory starts with one). */
    static final String UID_VALIDITY_FILE = ".uidvalidity";

    private final AtomicLong lastUidValidity = new AtomicLong();
    private final MessageOps messages;
    private final FolderState.Config folderConfig;
    /** Writes message files from folder journals, and checkpoints them (one daemon thread per store). */
    private final ScheduledThreadPoolExecutor background;

    private volatile boolean closed;

    FsMailboxStore(FsSettings settings) {
        this.settings = settings;
        try {
            Durable.createDirectories(settings.path());
            this.area = WriteArea.open(settings.path(), settings.serverId());
            Path last = settings.path().resolve(UID_VALIDITY_FILE);
            if (Files.exists(last)) {
                lastUidValidity.set(
                        Long.parseLong(new String(Files.readAllBytes(last), StandardCharsets.US_ASCII).trim()));
            }
        } catch (NumberFormatException e) {
            throw new StorageUnavailableException(
                    "cannot read " + UID_VALIDITY_FILE + " in the mail path " + settings.path() + ": " + e, e);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open the mail path " + settings.path() + ": " + e, e);
        }
        this.messages = new MessageOps(settings.serverId(), area, this::fire);
        this.background = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "icewarp-fs-files " + settings.path());
            t.setDaemon(true);
            return t;
        });
        background.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        background.setRemoveOnCancelPolicy(true);
        this.folderConfig = new FolderState.Config(
                settings.snapshotRecords(),
                settings.journalMaxBytes(),
                TimeUnit.SECONDS.toNanos(settings.checkpointDelaySeconds()),
                TimeUnit.MICROSECONDS.toNanos(settings.commitDelayMicros()),
                background,
                area);
    }

    // ---- mailboxes

    private String fold(EmailAddress a) {
        String local = settings.localPartPolicy() == LocalPartPolicy.CASE_INSENSITIVE
                ? a.localPart().toLowerCase(Locale.ROOT)
                : a.localPart();
        return local + "@" + a.domain();
    }

    private Path mailboxDir(EmailAddress a) {
        String local = fold(a);
        local = local.substring(0, local.lastIndexOf('@'));
        Path p = settings.path().resolve(FileNames.domainDir(a.domain()));
        for (String segment : settings.layout().segments(FileNames.encode(local))) {
            p = p.resolve(segment);
        }
        if (!p.normalize().startsWith(settings.path())) {
            throw new InvalidNameException("mailbox of " + a + " would be outside the mail path");
        }
        return p;
    }

    /** The mailbox, loaded with all its folders on first use. */
    private Mailbox mailbox(EmailAddress a) {
        ensureOpen();
        String key = fold(a);
        Mailbox mb = mailboxes.get(key);
        if (mb != null) {
            return mb;
        }
        Path dir = mailboxDir(a);
        if (!Mailbox.exists(dir)) {
            throw new NotFoundException("account " + a + " has no mailbox");
        }
        synchronized (mailboxes) {
            mb = mailboxes.get(key);
            if (mb == null) {
                mb = new Mailbox(a, dir, folderConfig);
                try {
                    mb.openAll();
                } catch (IOException e) {
                    mb.closeAll();
                    throw unavailable("open the mailbox of " + a, e);
                }
                mailboxes.put(key, mb);
            }
            return mb;
        }
    }

    @Override
    public void createMailbox(EmailAddress account) {
        ensureOpen();
        Path dir = mailboxDir(account);
        synchronized (mailboxes) {
            if (Mailbox.exists(dir)) {
                return;
            }
            try {
                FolderState.create(dir.resolve(FileNames.INBOX_DIR), newUidValidity());
            } catch (IOException e) {
                throw unavailable("create the mailbox of " + account, e);
            }
        }
        fire(new MailboxEvent.FolderChanged(account, FolderName.INBOX, MailboxEvent.FolderChanged.Kind.CREATED, null));
    }

    @Override
    public void deleteMailbox(EmailAddress account) {
        Mailbox mb = mailbox(account);
        mb.structure.writeLock().lock();
        try {
            mb.removeAll(area);
        } catch (IOException e) {
            throw unavailable("delete the mailbox of " + account, e);
        } finally {
            synchronized (mailboxes) {
                mailboxes.remove(fold(account));
            }
            mb.structure.writeLock().unlock();
        }
    }

    /**
     * A UIDVALIDITY above every one this store issued before, restarts included: the last one is kept durably in
     * {@link #UID_VALIDITY_FILE} before it is used, since a folder deleted and created again must not get its old
     * UIDVALIDITY back (RFC 9051 section 2.3.1.1) even when the clock has not moved past it.
     */
    private synchronized long newUidValidity() {
        long now = Math.max(1, settings.clock().instant().getEpochSecond());
        long next = Math.min(UidSet.MAX, Math.max(lastUidValidity.get() + 1, now));
        try {
            Durable.write(
                    settings.path().resolve(UID_VALIDITY_FILE),
                    Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw unavailable("record the last UIDVALIDITY", e);
        }
        lastUidValidity.set(next);
        return next;
    }

    // ---- folders

    @Override
    public List<Folder> folders(EmailAddress account) {
        Mailbox mb = mailbox(account);
        return mb.read("list the folders of " + account, () -> {
            List<Folder> out = new ArrayList<>();
            for (FolderName n : mb.scan()) {
                out.add(describe(n, mb.folder(n)));
            }
            return out;
        });
    }

    private static Folder describe(FolderName name, FolderState s) throws IOException {
        return s.read(idx -> new Folder(name, idx.uidValidity(), idx.subscribed(), idx.specialUse()));
    }

    @Override
    public Folder folder(EmailAddress account, FolderName name) {
        Mailbox mb = mailbox(account);
        return mb.read("read folder " + name, () -> describe(name, mb.folder(name)));
    }

    @Override
    public Folder createFolder(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        Mailbox mb = mailbox(account);
        List<FolderName> created = new ArrayList<>();
        Folder f = mb.write("create folder " + name, () -> {
            if (mb.hasFolder(name)) {
                throw new AlreadyExistsException("folder " + name + " of " + account + " exists");
            }
            created.addAll(mb.createWithParents(name, this::newUidValidity));
            if (!specialUse.isEmpty()) {
                FolderState s = mb.folder(name);
                s.awaitDurable(s.write((idx, b) -> {
                            b.add(new IndexRecord.SpecialUseSet(specialUse));
                            return null;
                        })
                        .seq());
            }
            return describe(name, mb.folder(name));
        });
        created.forEach(
                n -> fire(new MailboxEvent.FolderChanged(account, n, MailboxEvent.FolderChanged.Kind.CREATED, null)));
        return f;
    }

    @Override
    public Folder importFolder(EmailAddress account, FolderName name, long uidValidity, Set<SpecialUse> specialUse) {
        if (uidValidity < 1 || uidValidity > UidSet.MAX) {
            throw new IllegalArgumentException("uidValidity " + uidValidity + " is outside 1.." + UidSet.MAX);
        }
        Mailbox mb = mailbox(account);
        List<FolderName> created = new ArrayList<>();
        Folder f = mb.write("import folder " + name, () -> {
            raiseUidValidity(uidValidity);
            if (mb.hasFolder(name)) {
                FolderState s = mb.folder(name);
                s.awaitDurable(s.write((idx, b) -> {
                            if (idx.uidValidity() == uidValidity) {
                                return null;
                            }
                            if (!idx.messages().isEmpty() || idx.uidNext() != 1) {
                                throw new ConflictException("folder " + name + " of " + account
                                        + " exists with UIDVALIDITY " + idx.uidValidity() + " and has held messages");
                            }
                            b.add(new IndexRecord.Created(uidValidity));
                            return null;
                        })
                        .seq());
                return describe(name, s);
            }
            FolderName parent = name.parent();
            if (parent != null && !mb.hasFolder(parent)) {
                created.addAll(mb.createWithParents(parent, this::newUidValidity));
            }
            created.addAll(mb.createWithParents(name, () -> uidValidity));
            if (!specialUse.isEmpty()) {
                FolderState s = mb.folder(name);
                s.awaitDurable(s.write((idx, b) -> {
                            b.add(new IndexRecord.SpecialUseSet(specialUse));
                            return null;
                        })
                        .seq());
            }
            return describe(name, mb.folder(name));
        });
        created.forEach(
                n -> fire(new MailboxEvent.FolderChanged(account, n, MailboxEvent.FolderChanged.Kind.CREATED, null)));
        return f;
    }

    /** Makes sure no folder created later gets an imported UIDVALIDITY (or one below it) again. */
    private synchronized void raiseUidValidity(long imported) throws IOException {
        if (imported > lastUidValidity.get()) {
            Durable.write(
                    settings.path().resolve(UID_VALIDITY_FILE),
                    Long.toString(imported).getBytes(StandardCharsets.US_ASCII));
            lastUidValidity.set(imported);
        }
    }

    @Override
    public void reserveUids(EmailAddress account, FolderName folder, long uidNext) {
        if (uidNext < 1 || uidNext > UidSet.MAX + 1) {
            throw new IllegalArgumentException("uidNext " + uidNext + " is outside 1.." + (UidSet.MAX + 1));
        }
        Mailbox mb = mailbox(account);
        mb.read("reserve UIDs in " + folder, () -> {
            FolderState s = mb.folder(folder);
            s.awaitDurable(s.write((idx, b) -> {
                        if (idx.uidNext() < uidNext) {
                            b.add(new IndexRecord.UidsReserved(uidNext));
                        }
                        return null;
                    })
                    .seq());
            return null;
        });
    }

    @Override
    public void renameFolder(EmailAddress account, FolderName from, FolderName to) {
        if (to.isWithin(from)) {
            throw new InvalidNameException("cannot rename " + from + " to " + to + ", which is within it");
        }
        Mailbox mb = mailbox(account);
        if (from.isInbox()) {
            createFolder(account, to, Set.of());
            move(account, FolderName.INBOX, UidSet.ALL, to);
            return;
        }
        List<FolderName> created = new ArrayList<>();
        mb.write("rename folder " + from, () -> {
            if (!mb.hasFolder(from)) {
                throw new NotFoundException("folder " + from + " of " + account + " does not exist");
            }
            if (mb.hasFolder(to) || Files.exists(mb.folderDir(to))) {
                throw new AlreadyExistsException("folder " + to + " of " + account + " exists");
            }
            if (to.parent() != null && !mb.hasFolder(to.parent())) {
                created.addAll(mb.createWithParents(to.parent(), this::newUidValidity));
            }
            mb.moveFolder(from, to);
            return null;
        });
        created.forEach(
                n -> fire(new MailboxEvent.FolderChanged(account, n, MailboxEvent.FolderChanged.Kind.CREATED, null)));
        fire(new MailboxEvent.FolderChanged(account, from, MailboxEvent.FolderChanged.Kind.RENAMED, to));
    }

    @Override
    public void deleteFolder(EmailAddress account, FolderName name) {
        if (name.isInbox()) {
            throw new ConflictException("INBOX cannot be deleted");
        }
        Mailbox mb = mailbox(account);
        mb.write("delete folder " + name, () -> {
            if (!mb.hasFolder(name)) {
                throw new NotFoundException("folder " + name + " of " + account + " does not exist");
            }
            for (FolderName n : mb.scan()) {
                if (!n.equals(name) && n.isWithin(name)) {
                    throw new ConflictException("folder " + name + " of " + account + " has children");
                }
            }
            mb.removeFolder(name, area);
            return null;
        });
        fire(new MailboxEvent.FolderChanged(account, name, MailboxEvent.FolderChanged.Kind.DELETED, null));
    }

    @Override
    public void setSubscribed(EmailAddress account, FolderName name, boolean subscribed) {
        record(account, name, new IndexRecord.Subscribed(subscribed));
    }

    @Override
    public void setSpecialUse(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        record(
                account,
                name,
                new IndexRecord.SpecialUseSet(
                        specialUse.isEmpty() ? EnumSet.noneOf(SpecialUse.class) : EnumSet.copyOf(specialUse)));
    }

    private void record(EmailAddress account, FolderName name, IndexRecord r) {
        Mailbox mb = mailbox(account);
        mb.read("change folder " + name, () -> {
            FolderState s = mb.folder(name);
            s.awaitDurable(s.write((idx, b) -> {
                        b.add(r);
                        return null;
                    })
                    .seq());
            return null;
        });
    }

    // ---- messages

    @Override
    public AppendResult append(EmailAddress account, FolderName folder, InputStream content, AppendRequest request) {
        return store(account, folder, 0, content, request);
    }

    @Override
    public AppendResult importMessage(
            EmailAddress account, FolderName folder, long uid, InputStream content, AppendRequest request) {
        if (uid < 1 || uid > UidSet.MAX) {
            throw new IllegalArgumentException("uid " + uid + " is outside 1.." + UidSet.MAX);
        }
        return store(account, folder, uid, content, request);
    }

    /** Appends under the next UID ({@code uid} 0) or under {@code uid}. */
    private AppendResult store(
            EmailAddress account, FolderName folder, long uid, InputStream content, AppendRequest request) {
        Mailbox mb = mailbox(account);
        // fail fast before reading the stream, and let the group commit know that a record is on its way
        FolderState.Announcement announced =
                mb.read("append to " + folder, () -> mb.folder(folder).announceAppend());
        Path temp = null;
        try {
            byte[] head;
            try {
                head = content.readNBytes(settings.inlineMax() + 1);
            } catch (IOException e) {
                throw unavailable("read a message for " + account, e);
            }
            if (head.length <= settings.inlineMax()) {
                // small: made durable inside the folder's journal, so that concurrent appends share one fsync
                return messages.append(mb, folder, uid, null, head, head.length, request, announced);
            }
            temp = area.newTempFile("append");
            long size;
            try {
                size = Durable.copy(new SequenceInputStream(new ByteArrayInputStream(head), content), temp);
            } catch (IOException e) {
                throw unavailable("store a message for " + account, e);
            }
            return messages.append(mb, folder, uid, temp, null, size, request, announced);
        } finally {
            announced.written();
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("could not remove {}: {}", temp, e.toString());
                }
            }
        }
    }

    @Override
    public List<MessageMetadata> messages(EmailAddress account, FolderName folder, UidSet uids) {
        Mailbox mb = mailbox(account);
        return mb.read(
                "read " + folder,
                () -> mb.folder(folder).read(idx -> {
                    List<MessageMetadata> out = new ArrayList<>();
                    for (long[] r : uids.ranges()) {
                        idx.messages()
                                .subMap(r[0], true, r[1], true)
                                .values()
                                .forEach(a -> out.add(FolderIndex.metadata(a)));
                    }
                    return out;
                }));
    }

    @Override
    public InputStream open(EmailAddress account, FolderName folder, long uid) {
        return open(account, folder, uid, 0, Long.MAX_VALUE);
    }

    @Override
    public InputStream open(EmailAddress account, FolderName folder, long uid, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        Mailbox mb = mailbox(account);
        return mb.read("open message " + uid + " in " + folder, () -> {
            InputStream in;
            try {
                in = mb.folder(folder).openContent(uid, offset, length);
            } catch (NoSuchFileException e) {
                throw new NotFoundException("message " + uid + " in " + folder + " of " + account + " is gone", e);
            }
            if (in == null) {
                throw new NotFoundException("message " + uid + " in " + folder + " of " + account + " does not exist");
            }
            return in;
        });
    }

    @Override
    public List<MessageMetadata> updateFlags(EmailAddress account, FolderName folder, UidSet uids, FlagUpdate update) {
        Mailbox mb = mailbox(account);
        List<MessageMetadata> changed =
                mb.read("change flags in " + folder, () -> messages.updateFlags(mb.folder(folder), uids, update));
        if (!changed.isEmpty()) {
            fire(new MailboxEvent.FlagsChanged(account, folder, changed));
        }
        return changed;
    }

    @Override
    public List<Long> expunge(EmailAddress account, FolderName folder, UidSet uids) {
        Mailbox mb = mailbox(account);
        List<Long> gone = mb.read("expunge " + folder, () -> messages.expunge(mb.folder(folder), uids, true));
        if (!gone.isEmpty()) {
            fire(new MailboxEvent.MessagesExpunged(account, folder, gone));
        }
        return gone;
    }

    @Override
    public UidMapping copy(EmailAddress account, FolderName from, UidSet uids, FolderName to, long quotaBytes) {
        Mailbox mb = mailbox(account);
        return mb.read("copy from " + from, () -> messages.copy(mb, from, uids, to, quotaBytes, false));
    }

    @Override
    public UidMapping move(EmailAddress account, FolderName from, UidSet uids, FolderName to) {
        Mailbox mb = mailbox(account);
        return mb.read("move from " + from, () -> messages.copy(mb, from, uids, to, 0, true));
    }

    @Override
    public FolderStatus status(EmailAddress account, FolderName folder) {
        Mailbox mb = mailbox(account);
        return mb.read("read " + folder, () -> mb.folder(folder).read(FolderIndex::status));
    }

    @Override
    public long claimRecent(EmailAddress account, FolderName folder) {
        Mailbox mb = mailbox(account);
        return mb.read("claim recent in " + folder, () -> {
            FolderState s = mb.folder(folder);
            FolderState.Written<Long> w = s.write((idx, b) -> {
                long first = idx.firstRecent();
                if (idx.uidNext() > first) {
                    b.add(new IndexRecord.RecentClaimed(idx.uidNext()));
                }
                return first;
            });
            s.awaitDurable(w.seq());
            return w.result();
        });
    }

    @Override
    public AccountUsage usage(EmailAddress account) {
        Mailbox mb = mailbox(account);
        return mb.read("read the usage of " + account, () -> {
            for (FolderState f : mb.openFolders()) {
                f.read(idx -> null); // picks up what other processes appended
            }
            return mb.totals.usage();
        });
    }

    @Override
    public AccountUsage recount(EmailAddress account) {
        Mailbox mb = mailbox(account);
        return mb.write("recount " + account, () -> {
            mb.closeAll();
            mb.totals.reset();
            for (FolderName n : mb.scan()) {
                messages.adopt(mb.folder(n), account, n);
            }
            return mb.totals.usage();
        });
    }

    // ---- listeners and lifecycle

    @Override
    public Registration addListener(MailboxListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void fire(MailboxEvent event) {
        for (MailboxListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("mailbox listener {} failed on {}", l, event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (mailboxes) {
            if (closed) {
                return;
            }
            closed = true;
            // a clean stop leaves every message its file (not yet fsynced: the journals keep the bytes until a
            // checkpoint, which the next open of each folder will do)
            for (Mailbox mb : mailboxes.values()) {
                for (FolderState s : mb.openFolders()) {
                    try {
                        while (s.materialise()) {
                            // every round until none is left
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("could not write message files of {} at close: {}", s.dir(), e.toString());
                    }
                }
            }
            // no interrupts: a task between a write and its fsync must not close a journal under other threads; the
            // files it did not get to are written again from the journals at the next open
            background.shutdown();
            try {
                if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("writing message files of {} did not finish within 30 s", settings.path());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mailboxes.values().forEach(Mailbox::closeAll);
            mailboxes.clear();
        }
        area.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the mailbox store at " + settings.path() + " is closed");
        }
    }

    // ---- errors

    static StorageException unavailable(String what, IOException e) {
        return new StorageUnavailableException("cannot " + what + ": " + e, e);
    }
}
