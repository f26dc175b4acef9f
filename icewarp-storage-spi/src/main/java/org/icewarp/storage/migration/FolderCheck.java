package org.icewarp.storage.migration;

import java.util.List;
import java.util.Objects;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;

/**
 * The verification of one folder: what each side holds, and what differs.
 *
 * @param account the account
 * @param folder the folder
 * @param source the source's side
 * @param target the target's side ({@link Side#ABSENT} when the target has no such folder)
 * @param problems what differs, one line each (at most {@link #MAX_PROBLEMS} lines, the last one counting the rest);
 *     empty when both sides are equal
 */
public record FolderCheck(EmailAddress account, FolderName folder, Side source, Side target, List<String> problems) {
    /** The most problem lines kept per folder. */
    public static final int MAX_PROBLEMS = 20;

    /** Validates and copies. */
    public FolderCheck {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        problems = List.copyOf(problems);
    }

    /** Whether both sides are equal. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * One side of a folder.
     *
     * @param messages how many messages it holds
     * @param bytes their total size
     * @param uidValidity its UIDVALIDITY
     * @param uidNext its UIDNEXT
     * @param digest the content digest, lower-case hex: SHA-256 over, for each message in ascending UID order, the UID
     *     as 8 bytes big-endian followed by the SHA-256 of the message's bytes
     */
    public record Side(long messages, long bytes, long uidValidity, long uidNext, String digest) {
        /** A folder that does not exist: all zero, empty digest. */
        public static final Side ABSENT = new Side(0, 0, 0, 0, "");

        /** Validates. */
        public Side {
            Objects.requireNonNull(digest, "digest");
        }
    }
}
