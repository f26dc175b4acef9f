package org.icewarp.storage;

import java.util.Optional;

/**
 * Domains, accounts and groups. Lookup of an address ({@link #lookup}) is the hot path: every SMTP recipient and every
 * login goes through it.
 *
 * <p>Addresses are unique across accounts, account aliases, groups: creating or updating an object with an address
 * that another object already answers to fails with {@link AlreadyExistsException}. Domains compare without regard to
 * case; local parts per {@link #localPartPolicy()}. Every method is thread-safe; every change is durable when it
 * returns. Implementations throw {@link StorageUnavailableException} when the storage itself fails.
 *
 * <p>Domain aliases: an address in a domain alias reaches what the same local part reaches in the domain. When an
 * account or group is created or updated, the store resolves domain aliases in its address, its aliases and its
 * parent to the primary domain and stores them so ({@code b@ex.org} becomes {@code b@example.com} when
 * {@code ex.org} is an alias of {@code example.com}); what {@link #findAccount} returns shows the resolved
 * addresses. What an object answers to therefore never depends on later alias changes: removing a domain alias only
 * stops addresses in it from resolving, and the object keeps its addresses in the primary domain until it is updated
 * or deleted. A name cannot become a domain alias while an address in it (an account alias in a domain that was not
 * local) already reaches something, since that address would then silently reach something else.
 */
public interface AccountStore extends AutoCloseable {

    /** How local parts are compared. */
    LocalPartPolicy localPartPolicy();

    // ---- domains

    /**
     * Creates a domain.
     *
     * @throws AlreadyExistsException when the name or an alias is already a domain or a domain alias, or an alias is
     *     the domain of an address that already reaches something
     */
    void createDomain(Domain domain);

    /** A domain by name or alias. */
    Optional<Domain> findDomain(String nameOrAlias);

    /**
     * Replaces a domain's aliases and options.
     *
     * @throws NotFoundException when there is no such domain
     * @throws AlreadyExistsException when a new alias is another domain's, or the domain of an address that already
     *     reaches something
     */
    void updateDomain(Domain domain);

    /**
     * Deletes a domain.
     *
     * @throws NotFoundException when there is no such domain
     * @throws ConflictException when it still has accounts or groups
     */
    void deleteDomain(String name);

    /** Domains in name order. */
    Page<Domain> domains(PageRequest page);

    // ---- accounts

    /**
     * Creates an account, with domain aliases in its addresses resolved to their domains.
     *
     * @throws NotFoundException when its domain does not exist
     * @throws AlreadyExistsException when its address or an alias is taken
     */
    void createAccount(Account account);

    /** An account by primary address (not by alias: see {@link #lookup}). */
    Optional<Account> findAccount(EmailAddress address);

    /**
     * Replaces an account (found by primary address).
     *
     * @throws NotFoundException when there is no such account
     * @throws AlreadyExistsException when a new alias is taken
     */
    void updateAccount(Account account);

    /**
     * Deletes an account (its mailbox is the {@link MailboxStore}'s business).
     *
     * @throws NotFoundException when there is no such account
     */
    void deleteAccount(EmailAddress address);

    /** The accounts of a domain in address order. */
    Page<Account> accounts(String domain, PageRequest page);

    // ---- groups

    /**
     * Creates a group.
     *
     * @throws NotFoundException when its domain or its parent group does not exist
     * @throws AlreadyExistsException when its address is taken
     */
    void createGroup(Group group);

    /** A group by address. */
    Optional<Group> findGroup(EmailAddress address);

    /**
     * Replaces a group.
     *
     * @throws NotFoundException when there is no such group, or its new parent does not exist
     * @throws ConflictException when the new parent would make a cycle
     */
    void updateGroup(Group group);

    /**
     * Deletes a group.
     *
     * @throws NotFoundException when there is no such group
     * @throws ConflictException when other groups name it as parent
     */
    void deleteGroup(EmailAddress address);

    /** The groups of a domain in address order. */
    Page<Group> groups(String domain, PageRequest page);

    // ---- the hot path

    /**
     * What an address reaches: the account or group whose address or alias it is, with domain aliases resolved.
     * Never throws for an unknown address or domain.
     */
    Optional<Addressee> lookup(EmailAddress address);

    /** Releases resources; further calls fail. */
    @Override
    void close();
}
