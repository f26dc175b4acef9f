package org.icewarp.storage.migration;

import java.util.Objects;

/**
 * Where a migration is, as a snapshot for a progress display.
 *
 * @param phase what it is doing
 * @param accountsDone accounts whose mailbox is finished (copied, or verified in the verification phase)
 * @param accountsTotal accounts in the source, counted when the run began
 * @param messagesCopied messages copied so far in this run (0 for messages an earlier run copied)
 * @param bytesCopied bytes of those messages
 * @param current what it works on now, for example {@code john@example.com/INBOX}, or {@code ""}
 */
public record MigrationProgress(
        Phase phase, long accountsDone, long accountsTotal, long messagesCopied, long bytesCopied, String current) {

    /** The phases of a run, in order. */
    public enum Phase {
        /** Domains and groups are copied and the accounts counted. */
        DIRECTORY,
        /** Accounts and their mailboxes are copied, one account after another. */
        MAILBOXES,
        /** Both sides are compared. */
        VERIFICATION,
        /** Finished. */
        DONE
    }

    /** Validates. */
    public MigrationProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(current, "current");
    }
}
