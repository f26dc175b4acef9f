package org.icewarp.storage.migration;

import java.util.List;
import java.util.Objects;

/**
 * What a migration run did, and its verification.
 *
 * @param domains domains created, updated and already equal at the target
 * @param accounts accounts likewise
 * @param groups groups likewise
 * @param mailboxes mailboxes copied or brought up to date
 * @param messagesCopied messages copied in this run
 * @param bytesCopied their bytes
 * @param flagsUpdated messages, copied by an earlier run, whose flags were brought up to date
 * @param messagesRemoved messages, copied by an earlier run, removed from the target because the source expunged them
 * @param repairs the text fields with invalid characters (repaired or only found, see {@link TextRepair#applied()}),
 *     the first {@link #MAX_LINES}; the listener hears all of them
 * @param repairCount how many there were in all
 * @param warnings what could not be copied as it was, without failing the run (see {@link
 *     MigrationListener#onWarning}), the first {@link #MAX_LINES}
 * @param warningCount how many there were in all
 * @param verification the comparison of both sides after the copy
 */
public record MigrationReport(
        Tally domains,
        Tally accounts,
        Tally groups,
        long mailboxes,
        long messagesCopied,
        long bytesCopied,
        long flagsUpdated,
        long messagesRemoved,
        List<TextRepair> repairs,
        long repairCount,
        List<String> warnings,
        long warningCount,
        Verification verification) {
    /** The most repairs and warnings kept in a report. */
    public static final int MAX_LINES = 1000;

    /** Validates and copies. */
    public MigrationReport {
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(groups, "groups");
        repairs = List.copyOf(repairs);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(verification, "verification");
    }

    /** Whether the verification found source and target equal. */
    public boolean ok() {
        return verification.ok();
    }

    /**
     * How many objects of one kind a run created at the target, updated there, or found already equal.
     *
     * @param created created
     * @param updated replaced because they differed
     * @param unchanged already equal
     */
    public record Tally(long created, long updated, long unchanged) {
        /** Nothing. */
        public static final Tally ZERO = new Tally(0, 0, 0);
    }
}
