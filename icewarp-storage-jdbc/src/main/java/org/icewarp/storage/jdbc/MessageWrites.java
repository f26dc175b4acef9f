package org.icewarp.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icewarp.storage.AccountUsage;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.QuotaExceededException;
import org.icewarp.storage.StorageUnavailableException;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;

/**
 * The operations that add, change and remove messages, each inside the caller's transaction (except {@link #append},
 * which reads the caller's stream first, into memory or a spool file, and then owns its transaction). Counters of the folder and the
 * mailbox change in the same transaction as the messages, so they never drift.
 */
final class MessageWrites {
    private static final String MESSAGE_COLUMNS = "uid, msg_size, internal_date, flags, keywords, content_id";

    private final Database db;
    private final Contents contents;
    private final ChangeFeed feed;
    private final AppendCombiner combiner;

    MessageWrites(Database db, Contents contents, ChangeFeed feed) {
        this.db = db;
        this.contents = contents;
        this.feed = feed;
        this.combiner = new AppendCombiner(db, feed);
    }

    AppendCombiner combiner() {
        return combiner;
    }

    /** A message row. */
    record MessageRow(MessageMetadata meta, long contentId) {
        boolean seen() {
            return meta.flags().has(Flag.SEEN);
        }
    }

    /**
     * Appends a message, under the next UID or (import) under {@code importUid}. A message that fits in one chunk
     * goes through the {@link AppendCombiner} (group commit); a larger one, or an import, is streamed into chunks in
     * its own transaction before any lock is taken, and the mailbox and folder rows are locked only for the quota
     * check, the UID, the row and the counters, and the commit.
     */
    AppendResult append(
            EmailAddress account, FolderName folder, InputStream content, AppendRequest request, long importUid) {
        int chunk = contents.chunkSize();
        // read at most one chunk, in a buffer that grows as needed, so that a 4 KB message costs no 256 KB buffer
        byte[] first = new byte[Math.min(16 * 1024, chunk)];
        int n = 0;
        try {
            while (true) {
                if (n == first.length) {
                    if (first.length == chunk) {
                        break;
                    }
                    first = java.util.Arrays.copyOf(first, Math.min(chunk, first.length * 2));
                }
                int r = content.read(first, n, first.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new StorageUnavailableException(
                    "reading the message for " + account + " failed: " + e.getMessage(), e);
        }
        if (n < chunk && importUid == 0) {
            return combiner.append(account, folder, java.util.Arrays.copyOf(first, n), request);
        }
        if (first.length < chunk) {
            first = java.util.Arrays.copyOf(first, chunk);
        }
        // read the rest of the stream before a connection is taken: a slow sender must not hold one (nor a
        // transaction) for as long as it takes
        Spool spool;
        try {
            spool = Spool.of(first, n, content, db.settings().spoolDirectory());
        } catch (IOException e) {
            throw new StorageUnavailableException(
                    "reading the message for " + account + " failed: " + e.getMessage(), e);
        }
        try (spool) {
            return appendSpooled(account, folder, spool, request, importUid);
        }
    }

    private AppendResult appendSpooled(
            EmailAddress account, FolderName folder, Spool spool, AppendRequest request, long importUid) {
        String what = "appending to '" + folder + "' of " + account;
        JdbcMailboxStore.Done<AppendResult> done = db.tx(what, c -> {
            Contents.Stored stored;
            try (InputStream in = spool.open()) {
                stored = contents.write(c, in);
            } catch (IOException e) {
                throw new StorageUnavailableException(
                        "reading the spooled message for " + account + " failed: " + e.getMessage(), e);
            }
            long[] mailbox = MailboxSql.lockMailbox(c, account);
            FolderRow row = MailboxSql.folder(c, mailbox[0], account, folder, true);
            if (request.quotaBytes() > 0 && mailbox[2] + stored.size() > request.quotaBytes()) {
                throw new QuotaExceededException(
                        "account " + account + " would exceed its quota of " + request.quotaBytes() + " bytes");
            }
            long uid;
            if (importUid > 0) {
                if (importUid < row.uidNext()) {
                    throw new ConflictException("UID " + importUid + " is below UIDNEXT " + row.uidNext() + " of '"
                            + folder + "' of " + account);
                }
                uid = importUid;
            } else {
                uid = row.uidNext();
                if (uid > UidSet.MAX) {
                    throw new ConflictException("folder '" + folder + "' of " + account + " has used every UID");
                }
            }
            MessageMetadata meta = new MessageMetadata(uid, stored.size(), request.internalDate(), request.flags());
            insert(c, row.id(), List.of(new MessageRow(meta, stored.id())));
            boolean seen = request.flags().has(Flag.SEEN);
            MailboxSql.advance(c, row.id(), uid + 1, 1, seen ? 0 : 1, 1, stored.size());
            MailboxSql.addTotals(c, mailbox[0], 1, stored.size());
            List<MailboxEvent> events = List.of(new MailboxEvent.MessageAdded(account, folder, row.uidValidity(), uid));
            feed.record(c, events);
            return new JdbcMailboxStore.Done<>(
                    new AppendResult(uid, row.uidValidity(), uid + 1, stored.size()), events);
        });
        feed.fire(done.events());
        return done.value();
    }

    private static void insert(Connection c, long folderId, List<MessageRow> rows) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO iw_messages (folder_id, uid, msg_size,"
                + " internal_date, flags, keywords, seen, content_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (MessageRow m : rows) {
                p.setLong(1, folderId);
                p.setLong(2, m.meta().uid());
                p.setLong(3, m.meta().size());
                p.setLong(4, Micros.of(m.meta().internalDate()));
                p.setInt(5, Bits.flags(m.meta().flags()));
                p.setString(6, Bits.keywords(m.meta().flags()));
                p.setBoolean(7, m.seen());
                p.setLong(8, m.contentId());
                if (rows.size() == 1) {
                    p.executeUpdate();
                } else {
                    p.addBatch();
                }
            }
            if (rows.size() > 1) {
                p.executeBatch();
            }
        }
    }

    /** The messages of a folder whose UIDs are in {@code uids}, ascending (primary-key range scans). */
    static List<MessageRow> rows(Connection c, long folderId, UidSet uids) throws SQLException {
        List<MessageRow> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + MESSAGE_COLUMNS
                + " FROM iw_messages WHERE folder_id = ? AND uid BETWEEN ? AND ? ORDER BY uid")) {
            for (long[] range : uids.ranges()) {
                p.setLong(1, folderId);
                p.setLong(2, range[0]);
                p.setLong(3, range[1]);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new MessageRow(
                                new MessageMetadata(
                                        r.getLong(1),
                                        r.getLong(2),
                                        Micros.instant(r.getLong(3)),
                                        Bits.flags(r.getInt(4), r.getString(5))),
                                r.getLong(6)));
                    }
                }
            }
        }
        return out;
    }

    static List<MessageMetadata> metadata(Connection c, long folderId, UidSet uids) throws SQLException {
        List<MessageRow> rows = rows(c, folderId, uids);
        List<MessageMetadata> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r.meta()));
        return out;
    }

    JdbcMailboxStore.Done<List<MessageMetadata>> updateFlags(
            Connection c, EmailAddress account, FolderName folder, UidSet uids, FlagUpdate update) throws SQLException {
        FolderRow row =
                MailboxSql.lockFolder(c, MailboxSql.folder(c, account, folder).id());
        List<MessageMetadata> changed = new ArrayList<>();
        long unseenDelta = 0;
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE iw_messages SET flags = ?, keywords = ?, seen = ? WHERE folder_id = ? AND uid = ?")) {
            for (MessageRow m : rows(c, row.id(), uids)) {
                Flags next = update.apply(m.meta().flags());
                if (next.equals(m.meta().flags())) {
                    continue;
                }
                boolean seen = next.has(Flag.SEEN);
                unseenDelta += (m.seen() ? 0 : -1) + (seen ? 0 : 1);
                p.setInt(1, Bits.flags(next));
                p.setString(2, Bits.keywords(next));
                p.setBoolean(3, seen);
                p.setLong(4, row.id());
                p.setLong(5, m.meta().uid());
                p.addBatch();
                changed.add(new MessageMetadata(
                        m.meta().uid(), m.meta().size(), m.meta().internalDate(), next));
            }
            if (!changed.isEmpty()) {
                p.executeBatch();
            }
        }
        if (unseenDelta != 0) {
            MailboxSql.addCounters(c, row.id(), 0, unseenDelta, 0, 0);
        }
        return new JdbcMailboxStore.Done<>(
                changed,
                changed.isEmpty() ? List.of() : List.of(new MailboxEvent.FlagsChanged(account, folder, changed)));
    }

    JdbcMailboxStore.Done<List<Long>> expunge(Connection c, EmailAddress account, FolderName folder, UidSet uids)
            throws SQLException {
        long[] mailbox = MailboxSql.lockMailbox(c, account);
        FolderRow row = MailboxSql.folder(c, mailbox[0], account, folder, true);
        List<MessageRow> gone = new ArrayList<>();
        for (MessageRow m : rows(c, row.id(), uids)) {
            if (m.meta().flags().has(Flag.DELETED)) {
                gone.add(m);
            }
        }
        remove(c, row, mailbox[0], gone);
        List<Long> uidsGone = gone.stream().map(m -> m.meta().uid()).toList();
        return new JdbcMailboxStore.Done<>(
                uidsGone,
                uidsGone.isEmpty() ? List.of() : List.of(new MailboxEvent.MessagesExpunged(account, folder, uidsGone)));
    }

    /** Deletes message rows of a locked folder, its counters and the mailbox totals, and contents left unused. */
    private static void remove(Connection c, FolderRow row, long mailboxId, List<MessageRow> gone) throws SQLException {
        if (gone.isEmpty()) {
            return;
        }
        long bytes = 0;
        long unseen = 0;
        long recent = 0;
        List<Long> contentIds = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("DELETE FROM iw_messages WHERE folder_id = ? AND uid = ?")) {
            for (MessageRow m : gone) {
                p.setLong(1, row.id());
                p.setLong(2, m.meta().uid());
                p.addBatch();
                bytes += m.meta().size();
                unseen += m.seen() ? 0 : 1;
                recent += m.meta().uid() >= row.firstRecent() ? 1 : 0;
                contentIds.add(m.contentId());
            }
            p.executeBatch();
        }
        MailboxSql.addCounters(c, row.id(), -gone.size(), -unseen, -recent, -bytes);
        MailboxSql.addTotals(c, mailboxId, -gone.size(), -bytes);
        Contents.deleteUnreferenced(c, contentIds);
    }

    /** COPY ({@code move} false, quota checked) or MOVE: new UIDs in the target in source order, content shared. */
    JdbcMailboxStore.Done<UidMapping> transfer(
            Connection c, EmailAddress account, FolderName from, UidSet uids, FolderName to, long quota, boolean move)
            throws SQLException {
        long[] mailbox = MailboxSql.lockMailbox(c, account);
        FolderRow source = MailboxSql.folder(c, mailbox[0], account, from, true);
        FolderRow target = from.equals(to) ? source : MailboxSql.folder(c, mailbox[0], account, to, true);
        List<MessageRow> picked = rows(c, source.id(), uids);
        long bytes = picked.stream().mapToLong(m -> m.meta().size()).sum();
        if (!move && quota > 0 && mailbox[2] + bytes > quota) {
            throw new QuotaExceededException("account " + account + " would exceed its quota of " + quota + " bytes");
        }
        if (move && from.equals(to)) {
            return new JdbcMailboxStore.Done<>(new UidMapping(source.uidValidity(), Map.of()), List.of());
        }
        if (picked.isEmpty()) {
            return new JdbcMailboxStore.Done<>(new UidMapping(target.uidValidity(), Map.of()), List.of());
        }
        long next = target.uidNext();
        if (next + picked.size() - 1 > UidSet.MAX) {
            throw new ConflictException("folder '" + to + "' of " + account + " has too few UIDs left");
        }
        Map<Long, Long> mapping = new LinkedHashMap<>();
        List<MessageRow> copies = new ArrayList<>();
        List<MailboxEvent> events = new ArrayList<>();
        long unseen = 0;
        for (MessageRow m : picked) {
            long uid = next++;
            mapping.put(m.meta().uid(), uid);
            copies.add(new MessageRow(
                    new MessageMetadata(
                            uid,
                            m.meta().size(),
                            m.meta().internalDate(),
                            m.meta().flags()),
                    m.contentId()));
            unseen += m.seen() ? 0 : 1;
            events.add(new MailboxEvent.MessageAdded(account, to, target.uidValidity(), uid));
        }
        insert(c, target.id(), copies);
        MailboxSql.advance(c, target.id(), next, picked.size(), unseen, picked.size(), bytes);
        MailboxSql.addTotals(c, mailbox[0], picked.size(), bytes);
        if (move) {
            remove(c, source, mailbox[0], picked);
            events.add(new MailboxEvent.MessagesExpunged(
                    account, from, picked.stream().map(m -> m.meta().uid()).toList()));
        }
        return new JdbcMailboxStore.Done<>(new UidMapping(target.uidValidity(), mapping), events);
    }

    /**
     * Moves every message of {@code source} (INBOX being renamed) to the new, empty {@code target} with UIDs from 1;
     * the source keeps its UIDNEXT. The mailbox row is locked by the caller.
     *
     * @return the source UIDs that left, ascending
     */
    List<Long> moveAllMessages(Connection c, FolderRow sourceRow, FolderRow target) throws SQLException {
        FolderRow source = MailboxSql.lockFolder(c, sourceRow.id());
        List<MessageRow> all = rows(c, source.id(), UidSet.ALL);
        List<Long> moved = new ArrayList<>();
        long uid = 1;
        try (PreparedStatement p =
                c.prepareStatement("UPDATE iw_messages SET folder_id = ?, uid = ? WHERE folder_id = ? AND uid = ?")) {
            for (MessageRow m : all) {
                p.setLong(1, target.id());
                p.setLong(2, uid++);
                p.setLong(3, source.id());
                p.setLong(4, m.meta().uid());
                p.addBatch();
                moved.add(m.meta().uid());
            }
            if (!all.isEmpty()) {
                p.executeBatch();
            }
        }
        MailboxSql.advance(c, target.id(), uid, source.messages(), source.unseen(), source.messages(), source.bytes());
        MailboxSql.addCounters(c, source.id(), -source.messages(), -source.unseen(), -source.recent(), -source.bytes());
        return moved;
    }

    /** Deletes every message of a folder (being deleted); the mailbox row is locked by the caller. */
    void deleteAllMessages(Connection c, FolderRow folder) throws SQLException {
        FolderRow row = MailboxSql.lockFolder(c, folder.id());
        remove(c, row, row.mailboxId(), rows(c, row.id(), UidSet.ALL));
    }

    /** Recomputes every folder's counters and the mailbox totals from the message rows. */
    AccountUsage recount(Connection c, EmailAddress account) throws SQLException {
        long mailbox = MailboxSql.lockMailbox(c, account)[0];
        long messages = 0;
        long bytes = 0;
        for (FolderRow f : MailboxSql.folders(c, mailbox)) {
            FolderRow row = MailboxSql.lockFolder(c, f.id());
            long[] counts = new long[4];
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(msg_size), 0),"
                    + " COALESCE(SUM(CASE WHEN seen THEN 0 ELSE 1 END), 0),"
                    + " COALESCE(SUM(CASE WHEN uid >= ? THEN 1 ELSE 0 END), 0) FROM iw_messages WHERE folder_id = ?")) {
                p.setLong(1, row.firstRecent());
                p.setLong(2, row.id());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    for (int i = 0; i < 4; i++) {
                        counts[i] = r.getLong(i + 1);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE iw_folders SET messages = ?, bytes = ?, unseen = ?, recent = ? WHERE id = ?")) {
                for (int i = 0; i < 4; i++) {
                    p.setLong(i + 1, counts[i]);
                }
                p.setLong(5, row.id());
                p.executeUpdate();
            }
            messages += counts[0];
            bytes += counts[1];
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE iw_mailboxes SET messages = ?, bytes = ? WHERE id = ?")) {
            p.setLong(1, messages);
            p.setLong(2, bytes);
            p.setLong(3, mailbox);
            p.executeUpdate();
        }
        return new AccountUsage(messages, bytes);
    }
}
