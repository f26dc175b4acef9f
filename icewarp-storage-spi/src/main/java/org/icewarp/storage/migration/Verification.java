package org.icewarp.storage.migration;

import java.util.List;
import java.util.Objects;

/**
 * The result of comparing source and target: totals, and every difference found. Every folder's details go to {@link
 * MigrationListener#onFolderVerified} as it is checked; this keeps the differences only, so that its size does not
 * grow with the number of folders.
 *
 * @param domains domains compared
 * @param accounts accounts compared
 * @param groups groups compared
 * @param folders folders compared
 * @param messages messages compared (in the source)
 * @param bytes their bytes
 * @param mismatches the differences, one line each, naming the object (at most {@link #MAX_MISMATCHES})
 * @param mismatchCount how many differences there were in all (more than {@code mismatches.size()} when lines were
 *     left out)
 */
public record Verification(
        long domains,
        long accounts,
        long groups,
        long folders,
        long messages,
        long bytes,
        List<String> mismatches,
        long mismatchCount) {
    /** The most mismatch lines kept. */
    public static final int MAX_MISMATCHES = 1000;

    /** Validates and copies. */
    public Verification {
        mismatches = List.copyOf(Objects.requireNonNull(mismatches, "mismatches"));
        if (mismatchCount < mismatches.size()) {
            throw new IllegalArgumentException("mismatchCount " + mismatchCount + " is below the lines given");
        }
    }

    /** Whether source and target are equal in everything compared. */
    public boolean ok() {
        return mismatchCount == 0;
    }
}
