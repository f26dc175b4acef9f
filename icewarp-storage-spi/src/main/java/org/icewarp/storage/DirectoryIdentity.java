package org.icewarp.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an account or group came from when a directory (LDAP, Active Directory) synchronises it.
 *
 * @param sourceId the directory source's id in configuration
 * @param entryUuid the entry's stable identifier (entryUUID, objectGUID)
 * @param modifyTimestamp the entry's modifyTimestamp when last applied
 * @param owned whether the directory owns the object (local edits are overwritten by the next sync)
 */
public record DirectoryIdentity(String sourceId, String entryUuid, Instant modifyTimestamp, boolean owned) {
    /** Not from a directory. */
    public static final DirectoryIdentity NONE = new DirectoryIdentity("", "", Instant.EPOCH, false);

    /** Validates. */
    public DirectoryIdentity {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(entryUuid, "entryUuid");
        Objects.requireNonNull(modifyTimestamp, "modifyTimestamp");
    }

    /** Whether this names a directory entry at all. */
    public boolean isPresent() {
        return !entryUuid.isEmpty();
    }
}
