package org.icewarp.storage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A folder of an account's mailbox.
 *
 * @param name its full name
 * @param uidValidity its UIDVALIDITY: changes only when the folder is recreated, never while its UIDs are in use
 * @param subscribed whether the account subscribed to it
 * @param specialUse its special-use attributes
 */
public record Folder(FolderName name, long uidValidity, boolean subscribed, Set<SpecialUse> specialUse) {
    /** Validates and copies. */
    public Folder {
        Objects.requireNonNull(name, "name");
        if (uidValidity < 1 || uidValidity > UidSet.MAX) {
            throw new IllegalArgumentException("uidValidity " + uidValidity + " is outside 1.." + UidSet.MAX);
        }
        specialUse = specialUse.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(SpecialUse.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(specialUse));
    }
}
