package org.icewarp.storage;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A group: an address whose mail goes to its members.
 *
 * @param address the group's address
 * @param members local or remote member addresses
 * @param parent the parent group's address, or {@code null} for a top-level group
 * @param directory the directory entry it is synchronised from, or {@link DirectoryIdentity#NONE}
 */
public record Group(EmailAddress address, Set<EmailAddress> members, EmailAddress parent, DirectoryIdentity directory)
        implements Addressee {
    /** Validates and copies. */
    public Group {
        Objects.requireNonNull(address, "address");
        members = Collections.unmodifiableSet(new LinkedHashSet<>(members));
        if (address.equals(parent)) {
            throw new IllegalArgumentException("group " + address + " cannot be its own parent");
        }
        Objects.requireNonNull(directory, "directory");
    }

    /**
     * A copy with its own addresses (its address and its parent's) passed through {@code map}; members are left as
     * given, since they may be remote.
     */
    public Group withOwnAddresses(java.util.function.UnaryOperator<EmailAddress> map) {
        return new Group(map.apply(address), members, parent == null ? null : map.apply(parent), directory);
    }

    /** A top-level group. */
    public static Group of(String address, Set<EmailAddress> members) {
        return new Group(EmailAddress.parse(address), members, null, DirectoryIdentity.NONE);
    }
}
