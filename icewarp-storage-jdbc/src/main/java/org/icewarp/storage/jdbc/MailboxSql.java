package org.icewarp.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.UidSet;

/**
 * The SQL on mailbox and folder rows that the mailbox store's operations share.
 *
 * <p>Locking order, which keeps concurrent operations free of deadlocks: an operation that changes an account's
 * messages or folders locks its {@code iw_mailboxes} row first (that row also holds the account's totals and is what
 * makes the quota check atomic), then folder rows. Operations that change one folder's flags or recent marker lock that
 * folder's row only and nothing after it.
 */
final class MailboxSql {
    private MailboxSql() {}

    /** The mailbox key of an account: its folded primary address. */
    static String key(EmailAddress account) {
        return account.folded().toString();
    }

    /** A folder name's key in the unique index: names can be longer than engines allow in an index. */
    static String hash(FolderName name) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(name.value().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The mailbox row's id, locked when {@code lock}.
     *
     * @throws NotFoundException when the account has no mailbox
     */
    static long mailbox(Connection c, EmailAddress account, boolean lock) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT id FROM iw_mailboxes WHERE account_key = ?" + (lock ? " FOR UPDATE" : ""))) {
            p.setString(1, key(account));
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new NotFoundException("account " + account + " has no mailbox");
                }
                return r.getLong(1);
            }
        }
    }

    /**
     * Locks the account's mailbox row and reads it: {id, messages, bytes}.
     *
     * @throws NotFoundException when the account has no mailbox
     */
    static long[] lockMailbox(Connection c, EmailAddress account) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT id, messages, bytes FROM iw_mailboxes WHERE account_key = ? FOR UPDATE")) {
            p.setString(1, key(account));
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new NotFoundException("account " + account + " has no mailbox");
                }
                return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
            }
        }
    }

    /**
     * Locks a folder's row and reads it again.
     *
     * @throws NotFoundException when the folder was deleted since it was looked up
     */
    static FolderRow lockFolder(Connection c, long folderId) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT " + FolderRow.COLUMNS + " FROM iw_folders f WHERE f.id = ? FOR UPDATE")) {
            p.setLong(1, folderId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new NotFoundException("the folder was deleted meanwhile");
                }
                return FolderRow.read(r);
            }
        }
    }

    /** The mailbox's totals: {messages, bytes}. */
    static long[] totals(Connection c, long mailboxId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT messages, bytes FROM iw_mailboxes WHERE id = ?")) {
            p.setLong(1, mailboxId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }

    static void addTotals(Connection c, long mailboxId, long messages, long bytes) throws SQLException {
        if (messages == 0 && bytes == 0) {
            return;
        }
        try (PreparedStatement p =
                c.prepareStatement("UPDATE iw_mailboxes SET messages = messages + ?, bytes = bytes + ? WHERE id = ?")) {
            p.setLong(1, messages);
            p.setLong(2, bytes);
            p.setLong(3, mailboxId);
            p.executeUpdate();
        }
    }

    /**
     * A folder of a mailbox, its row locked when {@code lock}.
     *
     * @throws NotFoundException when it does not exist
     */
    static FolderRow folder(Connection c, long mailboxId, EmailAddress account, FolderName name, boolean lock)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + FolderRow.COLUMNS
                + " FROM iw_folders f WHERE f.mailbox_id = ? AND f.name_hash = ?" + (lock ? " FOR UPDATE" : ""))) {
            p.setLong(1, mailboxId);
            p.setString(2, hash(name));
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new NotFoundException("folder '" + name + "' of " + account + " does not exist");
                }
                return FolderRow.read(r);
            }
        }
    }

    /**
     * A folder found by account in one query (no locks), for reads.
     *
     * @throws NotFoundException when the account has no mailbox or the folder does not exist
     */
    static FolderRow folder(Connection c, EmailAddress account, FolderName name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + FolderRow.COLUMNS
                + " FROM iw_folders f JOIN iw_mailboxes b ON b.id = f.mailbox_id"
                + " WHERE b.account_key = ? AND f.name_hash = ?")) {
            p.setString(1, key(account));
            p.setString(2, hash(name));
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return FolderRow.read(r);
                }
            }
        }
        mailbox(c, account, false);
        throw new NotFoundException("folder '" + name + "' of " + account + " does not exist");
    }

    /** Every folder of a mailbox, in name order. */
    static List<FolderRow> folders(Connection c, long mailboxId) throws SQLException {
        List<FolderRow> out = new ArrayList<>();
        try (PreparedStatement p =
                c.prepareStatement("SELECT " + FolderRow.COLUMNS + " FROM iw_folders f WHERE f.mailbox_id = ?")) {
            p.setLong(1, mailboxId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(FolderRow.read(r));
                }
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /**
     * The next UIDVALIDITY: one above the last handed out in this database, and at least the current time in seconds
     * (so that a database created again does not hand out old values), wrapping to 1 past {@link UidSet#MAX}.
     */
    static long nextUidValidity(Connection c, Clock clock) throws SQLException {
        long last = lockCounter(c);
        long next = Math.max(last + 1, clock.instant().getEpochSecond() % UidSet.MAX);
        if (next > UidSet.MAX) {
            next = 1;
        }
        setCounter(c, next);
        return next;
    }

    /** Makes sure later UIDVALIDITY values are above {@code used} (an imported one). */
    static void raiseUidValidity(Connection c, long used) throws SQLException {
        if (lockCounter(c) < used) {
            setCounter(c, used);
        }
    }

    private static long lockCounter(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT counter_value FROM iw_counters WHERE counter_name = 'uidvalidity' FOR UPDATE")) {
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void setCounter(Connection c, long value) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("UPDATE iw_counters SET counter_value = ? WHERE counter_name = 'uidvalidity'")) {
            p.setLong(1, value);
            p.executeUpdate();
        }
    }

    /** Inserts an empty folder. */
    static FolderRow insertFolder(
            Connection c, Dialect dialect, long mailboxId, FolderName name, long uidValidity, Set<SpecialUse> use)
            throws SQLException {
        int mask = Bits.mask(use);
        try (PreparedStatement p = dialect.prepareInsertReturningId(
                c,
                "INSERT INTO iw_folders (mailbox_id, name, name_hash, uid_validity, uid_next, first_recent,"
                        + " subscribed, special_use, messages, unseen, recent, bytes)"
                        + " VALUES (?, ?, ?, ?, 1, 1, ?, ?, 0, 0, 0, 0)")) {
            p.setLong(1, mailboxId);
            p.setString(2, name.value());
            p.setString(3, hash(name));
            p.setLong(4, uidValidity);
            p.setBoolean(5, false);
            p.setInt(6, mask);
            p.executeUpdate();
            try (ResultSet r = p.getGeneratedKeys()) {
                r.next();
                return new FolderRow(r.getLong(1), mailboxId, name, uidValidity, 1, 1, false, mask, 0, 0, 0, 0);
            }
        }
    }

    /**
     * Creates the missing parents of {@code name} (outermost first) with new UIDVALIDITY values, noting an event for
     * each. {@code existing} holds the mailbox's folder names and gains the new ones.
     */
    static void createParents(
            Connection c,
            Dialect dialect,
            Clock clock,
            long mailboxId,
            EmailAddress account,
            FolderName name,
            Set<FolderName> existing,
            List<MailboxEvent> events)
            throws SQLException {
        List<FolderName> missing = new ArrayList<>();
        for (FolderName p = name.parent(); p != null && !existing.contains(p); p = p.parent()) {
            missing.add(0, p);
        }
        for (FolderName p : missing) {
            insertFolder(c, dialect, mailboxId, p, nextUidValidity(c, clock), Set.of());
            existing.add(p);
            events.add(new MailboxEvent.FolderChanged(account, p, MailboxEvent.FolderChanged.Kind.CREATED, null));
        }
    }

    /** Sets a folder's UIDNEXT and adds to its counters. */
    static void advance(Connection c, long folderId, long uidNext, long messages, long unseen, long recent, long bytes)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE iw_folders SET uid_next = ?, messages = messages + ?,"
                + " unseen = unseen + ?, recent = recent + ?, bytes = bytes + ? WHERE id = ?")) {
            p.setLong(1, uidNext);
            p.setLong(2, messages);
            p.setLong(3, unseen);
            p.setLong(4, recent);
            p.setLong(5, bytes);
            p.setLong(6, folderId);
            p.executeUpdate();
        }
    }

    /** Adds to a folder's counters. */
    static void addCounters(Connection c, long folderId, long messages, long unseen, long recent, long bytes)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE iw_folders SET messages = messages + ?,"
                + " unseen = unseen + ?, recent = recent + ?, bytes = bytes + ? WHERE id = ?")) {
            p.setLong(1, messages);
            p.setLong(2, unseen);
            p.setLong(3, recent);
            p.setLong(4, bytes);
            p.setLong(5, folderId);
            p.executeUpdate();
        }
    }
}
