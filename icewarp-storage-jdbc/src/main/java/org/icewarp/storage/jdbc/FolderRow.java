package org.icewarp.storage.jdbc;

import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;

/**
 * One {@code iw_folders} row: the folder, its UID state and its counters (kept current by every change, so that
 * STATUS never counts messages).
 */
record FolderRow(
        long id,
        long mailboxId,
        FolderName name,
        long uidValidity,
        long uidNext,
        long firstRecent,
        boolean subscribed,
        int specialUse,
        long messages,
        long unseen,
        long recent,
        long bytes) {

    static final String COLUMNS = "f.id, f.mailbox_id, f.name, f.uid_validity, f.uid_next, f.first_recent,"
            + " f.subscribed, f.special_use, f.messages, f.unseen, f.recent, f.bytes";

    static FolderRow read(java.sql.ResultSet r) throws java.sql.SQLException {
        return new FolderRow(
                r.getLong(1),
                r.getLong(2),
                FolderName.of(r.getString(3)),
                r.getLong(4),
                r.getLong(5),
                r.getLong(6),
                r.getBoolean(7),
                r.getInt(8),
                r.getLong(9),
                r.getLong(10),
                r.getLong(11),
                r.getLong(12));
    }

    Folder folder() {
        return new Folder(name, uidValidity, subscribed, Bits.specialUse(specialUse));
    }

    FolderStatus status() {
        return new FolderStatus(messages, unseen, recent, bytes, uidNext, uidValidity);
    }
}
