package org.icewarp.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * How to append a message.
 *
 * @param flags its initial flags
 * @param internalDate its internal date
 * @param quotaBytes the account's quota, checked atomically with the append ({@code 0} for none): an append that
 *     would take the account's total size over it fails with {@link QuotaExceededException}
 */
public record AppendRequest(Flags flags, Instant internalDate, long quotaBytes) {
    /** Validates. */
    public AppendRequest {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(internalDate, "internalDate");
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes must not be negative");
        }
    }

    /** No flags, no quota. */
    public static AppendRequest at(Instant internalDate) {
        return new AppendRequest(Flags.NONE, internalDate, 0);
    }
}
