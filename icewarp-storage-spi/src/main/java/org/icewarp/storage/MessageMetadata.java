package org.icewarp.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows of a message without opening it.
 *
 * @param uid its UID in the folder
 * @param size its size in bytes (RFC822.SIZE)
 * @param internalDate its internal date (IMAP INTERNALDATE)
 * @param flags its flags and keywords
 */
public record MessageMetadata(long uid, long size, Instant internalDate, Flags flags) {
    /** Validates. */
    public MessageMetadata {
        if (uid < 1 || uid > UidSet.MAX) {
            throw new IllegalArgumentException("uid " + uid + " is outside 1.." + UidSet.MAX);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        Objects.requireNonNull(internalDate, "internalDate");
        Objects.requireNonNull(flags, "flags");
    }
}
