package org.icewarp.storage;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user account.
 *
 * @param address the primary address; the account's key
 * @param aliases further addresses that reach it (local parts in its domain or its domain's aliases)
 * @param credentials opaque credential records the authentication layer keeps
 * @param quotaBytes the mailbox quota in bytes, 0 for unlimited
 * @param state enabled or disabled
 * @param fullName the display name, or {@code ""}
 * @param directory the directory entry it is synchronised from, or {@link DirectoryIdentity#NONE}
 */
public record Account(
        EmailAddress address,
        Set<EmailAddress> aliases,
        List<Credential> credentials,
        long quotaBytes,
        AccountState state,
        String fullName,
        DirectoryIdentity directory)
        implements Addressee {

    /** Validates and copies. */
    public Account {
        Objects.requireNonNull(address, "address");
        Set<EmailAddress> a = new LinkedHashSet<>(aliases);
        a.remove(address);
        aliases = Collections.unmodifiableSet(a);
        credentials = List.copyOf(credentials);
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes must be 0 (unlimited) or positive, was " + quotaBytes);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(directory, "directory");
    }

    /** An enabled account with no aliases, credentials or quota. */
    public static Account of(String address) {
        return new Account(
                EmailAddress.parse(address), Set.of(), List.of(), 0, AccountState.ENABLED, "", DirectoryIdentity.NONE);
    }

    /**
     * A copy with its own addresses (primary address and aliases) passed through {@code map}; stores use it to spell
     * addresses canonically, for example with a domain alias resolved to its domain.
     */
    public Account withOwnAddresses(java.util.function.UnaryOperator<EmailAddress> map) {
        Set<EmailAddress> mapped = new LinkedHashSet<>();
        aliases.forEach(a -> mapped.add(map.apply(a)));
        return new Account(map.apply(address), mapped, credentials, quotaBytes, state, fullName, directory);
    }

    /** A copy with other aliases. */
    public Account withAliases(Set<EmailAddress> aliases) {
        return new Account(address, aliases, credentials, quotaBytes, state, fullName, directory);
    }

    /** A copy with other credentials. */
    public Account withCredentials(List<Credential> credentials) {
        return new Account(address, aliases, credentials, quotaBytes, state, fullName, directory);
    }

    /** A copy with another quota. */
    public Account withQuota(long quotaBytes) {
        return new Account(address, aliases, credentials, quotaBytes, state, fullName, directory);
    }

    /** A copy with another state. */
    public Account withState(AccountState state) {
        return new Account(address, aliases, credentials, quotaBytes, state, fullName, directory);
    }
}
