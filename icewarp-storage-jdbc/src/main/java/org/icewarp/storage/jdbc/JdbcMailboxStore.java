package org.icewarp.storage.jdbc;

import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxListener;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageException;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;

/**
 * Mailboxes in a database: folders and their counters here, message operations in {@link MessageWrites}, content in
 * {@link Contents}, notifications in {@link ChangeFeed}. Every operation is one transaction; see {@link MailboxSql}
 * for the locking order.
 */
final class JdbcMailboxStore implements MailboxStore {
    private final Database db;
    private final ChangeFeed feed;
    private final Contents contents;
    private final MessageWrites writes;
    private volatile boolean closed;

    JdbcMailboxStore(Database db) {
        this.db = db;
        this.contents = new Contents(db);
        this.feed = new ChangeFeed(db);
        this.writes = new MessageWrites(db, contents, feed);
    }

    /** The result of a transaction and the events to announce after its commit. */
    record Done<T>(T value, List<MailboxEvent> events) {}

    private void open() {
        if (closed) {
            throw new StorageException("the mailbox store is closed");
        }
    }

    /** Runs a changing transaction, records its events in it, and announces them after the commit. */
    <T> T change(String what, Database.Work<Done<T>> work) {
        open();
        Done<T> done = db.tx(what, c -> {
            Done<T> d = work.run(c);
            feed.record(c, d.events());
            return d;
        });
        feed.fire(done.events());
        return done.value();
    }

    <T> T read(String what, Database.Work<T> work) {
        open();
        return db.tx(what, work);
    }

    private static Set<FolderName> names(List<FolderRow> rows) {
        Set<FolderName> out = new HashSet<>();
        rows.forEach(r -> out.add(r.name()));
        return out;
    }

    // ---- mailboxes and folders

    @Override
    public void createMailbox(EmailAddress account) {
        try {
            change("creating the mailbox of " + account, c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT id FROM iw_mailboxes WHERE account_key = ?")) {
                    p.setString(1, MailboxSql.key(account));
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next()) {
                            return new Done<>(null, List.of());
                        }
                    }
                }
                long id;
                try (PreparedStatement p = db.dialect()
                        .prepareInsertReturningId(
                                c, "INSERT INTO iw_mailboxes (account_key, messages, bytes) VALUES (?, 0, 0)")) {
                    p.setString(1, MailboxSql.key(account));
                    p.executeUpdate();
                    try (ResultSet r = p.getGeneratedKeys()) {
                        r.next();
                        id = r.getLong(1);
                    }
                }
                MailboxSql.insertFolder(
                        c,
                        db.dialect(),
                        id,
                        FolderName.INBOX,
                        MailboxSql.nextUidValidity(c, db.settings().clock()),
                        Set.of());
                return new Done<>(
                        null,
                        List.of(new MailboxEvent.FolderChanged(
                                account, FolderName.INBOX, MailboxEvent.FolderChanged.Kind.CREATED, null)));
            });
        } catch (DuplicateKeyException createdMeanwhile) {
            // another thread or server created it: "does nothing if it exists"
        }
    }

    @Override
    public void deleteMailbox(EmailAddress account) {
        change("deleting the mailbox of " + account, c -> {
            long id = MailboxSql.mailbox(c, account, true);
            List<Long> contentIds = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT m.content_id FROM iw_messages m"
                    + " JOIN iw_folders f ON f.id = m.folder_id WHERE f.mailbox_id = ?")) {
                p.setLong(1, id);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        contentIds.add(r.getLong(1));
                    }
                }
            }
            for (String sql : List.of(
                    "DELETE FROM iw_messages WHERE folder_id IN (SELECT id FROM iw_folders WHERE mailbox_id = ?)",
                    "DELETE FROM iw_folders WHERE mailbox_id = ?",
                    "DELETE FROM iw_mailboxes WHERE id = ?")) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setLong(1, id);
                    p.executeUpdate();
                }
            }
            Contents.deleteUnreferenced(c, contentIds);
            return new Done<>(null, List.of());
        });
    }

    @Override
    public List<Folder> folders(EmailAddress account) {
        return read(
                "listing the folders of " + account,
                c -> MailboxSql.folders(c, MailboxSql.mailbox(c, account, false)).stream()
                        .map(FolderRow::folder)
                        .toList());
    }

    @Override
    public Folder folder(EmailAddress account, FolderName name) {
        return read(
                "reading folder '" + name + "' of " + account,
                c -> MailboxSql.folder(c, account, name).folder());
    }

    @Override
    public Folder createFolder(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        return change("creating folder '" + name + "' of " + account, c -> {
            long mailbox = MailboxSql.mailbox(c, account, true);
            Set<FolderName> existing = names(MailboxSql.folders(c, mailbox));
            if (existing.contains(name)) {
                throw new AlreadyExistsException("folder '" + name + "' of " + account + " exists");
            }
            List<MailboxEvent> events = new ArrayList<>();
            MailboxSql.createParents(c, db.dialect(), db.settings().clock(), mailbox, account, name, existing, events);
            FolderRow row = MailboxSql.insertFolder(
                    c,
                    db.dialect(),
                    mailbox,
                    name,
                    MailboxSql.nextUidValidity(c, db.settings().clock()),
                    specialUse);
            events.add(new MailboxEvent.FolderChanged(account, name, MailboxEvent.FolderChanged.Kind.CREATED, null));
            return new Done<>(row.folder(), events);
        });
    }

    @Override
    public Folder importFolder(EmailAddress account, FolderName name, long uidValidity, Set<SpecialUse> specialUse) {
        if (uidValidity < 1 || uidValidity > UidSet.MAX) {
            throw new IllegalArgumentException("uidValidity " + uidValidity + " is outside 1.." + UidSet.MAX);
        }
        return change("importing folder '" + name + "' of " + account, c -> {
            long mailbox = MailboxSql.mailbox(c, account, true);
            List<FolderRow> rows = MailboxSql.folders(c, mailbox);
            for (FolderRow row : rows) {
                if (row.name().equals(name)) {
                    if (row.uidValidity() == uidValidity) {
                        return new Done<>(row.folder(), List.of());
                    }
                    if (row.uidNext() != 1 || row.messages() != 0) {
                        throw new ConflictException("folder '" + name + "' of " + account + " has UIDVALIDITY "
                                + row.uidValidity() + " and has held messages, so it cannot take " + uidValidity);
                    }
                    try (PreparedStatement p =
                            c.prepareStatement("UPDATE iw_folders SET uid_validity = ? WHERE id = ?")) {
                        p.setLong(1, uidValidity);
                        p.setLong(2, row.id());
                        p.executeUpdate();
                    }
                    MailboxSql.raiseUidValidity(c, uidValidity);
                    return new Done<>(
                            new Folder(name, uidValidity, row.subscribed(), Bits.specialUse(row.specialUse())),
                            List.of());
                }
            }
            List<MailboxEvent> events = new ArrayList<>();
            MailboxSql.createParents(
                    c, db.dialect(), db.settings().clock(), mailbox, account, name, names(rows), events);
            FolderRow row = MailboxSql.insertFolder(c, db.dialect(), mailbox, name, uidValidity, specialUse);
            MailboxSql.raiseUidValidity(c, uidValidity);
            events.add(new MailboxEvent.FolderChanged(account, name, MailboxEvent.FolderChanged.Kind.CREATED, null));
            return new Done<>(row.folder(), events);
        });
    }

    @Override
    public void renameFolder(EmailAddress account, FolderName from, FolderName to) {
        change("renaming folder '" + from + "' of " + account, c -> {
            long mailbox = MailboxSql.mailbox(c, account, true);
            if (to.isWithin(from)) {
                throw new InvalidNameException("cannot rename '" + from + "' to '" + to + "' inside itself");
            }
            List<FolderRow> rows = MailboxSql.folders(c, mailbox);
            Set<FolderName> existing = names(rows);
            FolderRow source = rows.stream()
                    .filter(r -> r.name().equals(from))
                    .findFirst()
                    .orElseThrow(
                            () -> new NotFoundException("folder '" + from + "' of " + account + " does not exist"));
            List<MailboxEvent> events = new ArrayList<>();
            if (from.isInbox()) {
                if (existing.contains(to)) {
                    throw new AlreadyExistsException("folder '" + to + "' of " + account + " exists");
                }
                MailboxSql.createParents(
                        c, db.dialect(), db.settings().clock(), mailbox, account, to, existing, events);
                FolderRow target = MailboxSql.insertFolder(
                        c,
                        db.dialect(),
                        mailbox,
                        to,
                        MailboxSql.nextUidValidity(c, db.settings().clock()),
                        Set.of());
                List<Long> moved = writes.moveAllMessages(c, source, target);
                events.add(new MailboxEvent.FolderChanged(account, to, MailboxEvent.FolderChanged.Kind.CREATED, null));
                if (!moved.isEmpty()) {
                    events.add(new MailboxEvent.MessagesExpunged(account, FolderName.INBOX, moved));
                }
                return new Done<>(null, events);
            }
            Map<FolderRow, FolderName> moves = new LinkedHashMap<>();
            for (FolderRow row : rows) {
                if (row.name().isWithin(from)) {
                    FolderName target = row.name().rebase(from, to);
                    if (existing.contains(target)) {
                        throw new AlreadyExistsException("folder '" + target + "' of " + account + " exists");
                    }
                    moves.put(row, target);
                }
            }
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE iw_folders SET name = ?, name_hash = ? WHERE id = ?")) {
                for (Map.Entry<FolderRow, FolderName> m : moves.entrySet()) {
                    p.setString(1, m.getValue().value());
                    p.setString(2, MailboxSql.hash(m.getValue()));
                    p.setLong(3, m.getKey().id());
                    p.executeUpdate();
                    existing.remove(m.getKey().name());
                }
            }
            existing.addAll(moves.values());
            MailboxSql.createParents(c, db.dialect(), db.settings().clock(), mailbox, account, to, existing, events);
            events.add(new MailboxEvent.FolderChanged(account, from, MailboxEvent.FolderChanged.Kind.RENAMED, to));
            return new Done<>(null, events);
        });
    }

    @Override
    public void deleteFolder(EmailAddress account, FolderName name) {
        change("deleting folder '" + name + "' of " + account, c -> {
            long mailbox = MailboxSql.mailbox(c, account, true);
            List<FolderRow> rows = MailboxSql.folders(c, mailbox);
            FolderRow row = rows.stream()
                    .filter(r -> r.name().equals(name))
                    .findFirst()
                    .orElseThrow(
                            () -> new NotFoundException("folder '" + name + "' of " + account + " does not exist"));
            if (name.isInbox()) {
                throw new ConflictException("INBOX of " + account + " cannot be deleted");
            }
            for (FolderRow other : rows) {
                if (!other.name().equals(name) && other.name().isWithin(name)) {
                    throw new ConflictException("folder '" + name + "' of " + account + " has children");
                }
            }
            writes.deleteAllMessages(c, row);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM iw_folders WHERE id = ?")) {
                p.setLong(1, row.id());
                p.executeUpdate();
            }
            return new Done<>(
                    null,
                    List.of(new MailboxEvent.FolderChanged(
                            account, name, MailboxEvent.FolderChanged.Kind.DELETED, null)));
        });
    }

    @Override
    public void setSubscribed(EmailAddress account, FolderName name, boolean subscribed) {
        setColumn(account, name, "subscribed", subscribed ? 1 : 0, "subscribing to");
    }

    @Override
    public void setSpecialUse(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        setColumn(account, name, "special_use", Bits.mask(specialUse), "setting special use of");
    }

    private void setColumn(EmailAddress account, FolderName name, String column, int value, String what) {
        change(what + " folder '" + name + "' of " + account, c -> {
            FolderRow row = MailboxSql.folder(c, account, name);
            try (PreparedStatement p = c.prepareStatement("UPDATE iw_folders SET " + column + " = ? WHERE id = ?")) {
                if (column.equals("subscribed")) {
                    p.setBoolean(1, value != 0);
                } else {
                    p.setInt(1, value);
                }
                p.setLong(2, row.id());
                p.executeUpdate();
            }
            return new Done<>(null, List.<MailboxEvent>of());
        });
    }

    // ---- messages

    @Override
    public AppendResult append(EmailAddress account, FolderName folder, InputStream content, AppendRequest request) {
        open();
        return writes.append(account, folder, content, request, 0);
    }

    @Override
    public AppendResult importMessage(
            EmailAddress account, FolderName folder, long uid, InputStream content, AppendRequest request) {
        if (uid < 1 || uid > UidSet.MAX) {
            throw new IllegalArgumentException("uid " + uid + " is outside 1.." + UidSet.MAX);
        }
        open();
        return writes.append(account, folder, content, request, uid);
    }

    @Override
    public void reserveUids(EmailAddress account, FolderName folder, long uidNext) {
        if (uidNext < 1 || uidNext > UidSet.MAX + 1) {
            throw new IllegalArgumentException("uidNext " + uidNext + " is outside 1.." + (UidSet.MAX + 1));
        }
        change("reserving UIDs in '" + folder + "' of " + account, c -> {
            long mailbox = MailboxSql.mailbox(c, account, true);
            FolderRow row = MailboxSql.folder(c, mailbox, account, folder, true);
            if (row.uidNext() < uidNext) {
                try (PreparedStatement p = c.prepareStatement("UPDATE iw_folders SET uid_next = ? WHERE id = ?")) {
                    p.setLong(1, uidNext);
                    p.setLong(2, row.id());
                    p.executeUpdate();
                }
            }
            return new Done<>(null, List.<MailboxEvent>of());
        });
    }

    @Override
    public List<MessageMetadata> messages(EmailAddress account, FolderName folder, UidSet uids) {
        return read(
                "reading messages of '" + folder + "' of " + account,
                c -> MessageWrites.metadata(
                        c, MailboxSql.folder(c, account, folder).id(), uids));
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
        return read("opening message " + uid + " in '" + folder + "' of " + account, c -> {
            FolderRow row = MailboxSql.folder(c, account, folder);
            Contents.Located located;
            try (PreparedStatement p = c.prepareStatement("SELECT c.id, c.content_size, c.chunk_size FROM iw_messages m"
                    + " JOIN iw_contents c ON c.id = m.content_id WHERE m.folder_id = ? AND m.uid = ?")) {
                p.setLong(1, row.id());
                p.setLong(2, uid);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new NotFoundException(
                                "message " + uid + " in '" + folder + "' of " + account + " does not exist");
                    }
                    located = new Contents.Located(r.getLong(1), r.getLong(2), r.getInt(3));
                }
            }
            byte[] first = offset < located.size()
                    ? Contents.chunk(c, located.id(), (int) (offset / located.chunkSize()))
                    : null;
            return contents.open(located, offset, length, first);
        });
    }

    @Override
    public List<MessageMetadata> updateFlags(EmailAddress account, FolderName folder, UidSet uids, FlagUpdate update) {
        return change(
                "changing flags in '" + folder + "' of " + account,
                c -> writes.updateFlags(c, account, folder, uids, update));
    }

    @Override
    public List<Long> expunge(EmailAddress account, FolderName folder, UidSet uids) {
        return change("expunging '" + folder + "' of " + account, c -> writes.expunge(c, account, folder, uids));
    }

    @Override
    public UidMapping copy(EmailAddress account, FolderName from, UidSet uids, FolderName to, long quotaBytes) {
        return change(
                "copying from '" + from + "' of " + account,
                c -> writes.transfer(c, account, from, uids, to, quotaBytes, false));
    }

    @Override
    public UidMapping move(EmailAddress account, FolderName from, UidSet uids, FolderName to) {
        return change(
                "moving from '" + from + "' of " + account, c -> writes.transfer(c, account, from, uids, to, 0, true));
    }

    @Override
    public FolderStatus status(EmailAddress account, FolderName folder) {
        return read(
                "reading the status of '" + folder + "' of " + account,
                c -> MailboxSql.folder(c, account, folder).status());
    }

    @Override
    public long claimRecent(EmailAddress account, FolderName folder) {
        return change("claiming recent messages of '" + folder + "' of " + account, c -> {
            FolderRow row = MailboxSql.folder(c, account, folder);
            row = MailboxSql.folder(c, row.mailboxId(), account, folder, true);
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE iw_folders SET first_recent = uid_next, recent = 0 WHERE id = ?")) {
                p.setLong(1, row.id());
                p.executeUpdate();
            }
            return new Done<>(row.firstRecent(), List.<MailboxEvent>of());
        });
    }

    @Override
    public AccountUsage usage(EmailAddress account) {
        return read("reading the usage of " + account, c -> {
            long[] t = MailboxSql.totals(c, MailboxSql.mailbox(c, account, false));
            return new AccountUsage(t[0], t[1]);
        });
    }

    @Override
    public AccountUsage recount(EmailAddress account) {
        return change("recounting " + account, c -> new Done<>(writes.recount(c, account), List.<MailboxEvent>of()));
    }

    /** Appends per group-commit transaction on average, for tests and tuning. */
    double averageBatch() {
        return writes.combiner().averageBatch();
    }

    /** Accounts with appenders in the group commit, for tests. */
    int activeQueues() {
        return writes.combiner().activeQueues();
    }

    /** Change-log ids the feed is waiting for, for tests. */
    int missingChanges() {
        return feed.missingCount();
    }

    @Override
    public Registration addListener(MailboxListener listener) {
        return feed.add(listener);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            feed.close();
            db.close();
        }
    }
}
