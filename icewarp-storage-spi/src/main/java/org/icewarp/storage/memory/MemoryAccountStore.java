package org.icewarp.storage.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Addressee;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Group;
import org.icewarp.storage.LocalPartPolicy;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.Page;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.StorageException;

/**
 * Accounts in memory. Writers serialise on the store; {@link #lookup} reads a concurrent map of every address and
 * alias (domain aliases resolved to the primary domain) without locking. Accounts and groups are stored with domain
 * aliases in their addresses already resolved ({@link AccountStore}), so their index keys never depend on later
 * changes to the domain aliases.
 */
final class MemoryAccountStore implements AccountStore {
    private final LocalPartPolicy policy;
    private final TreeMap<String, Domain> domains = new TreeMap<>();
    private final Map<String, String> domainNames = new HashMap<>(); // name or alias -> name
    private final TreeMap<String, Account> accounts = new TreeMap<>(); // key -> account
    private final TreeMap<String, Group> groups = new TreeMap<>();
    /** key of an address (folded per policy, primary domain) -> what it reaches. */
    private final ConcurrentHashMap<String, Addressee> index = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, String> domainIndex = new ConcurrentHashMap<>();
    private volatile boolean closed;

    MemoryAccountStore(LocalPartPolicy policy) {
        this.policy = policy;
    }

    @Override
    public LocalPartPolicy localPartPolicy() {
        return policy;
    }

    private String key(EmailAddress a) {
        String domain = domainIndex.getOrDefault(a.domain(), a.domain());
        // no EmailAddress.folded(): it would validate the address again on this hot path
        String local = policy == LocalPartPolicy.CASE_INSENSITIVE
                ? a.localPart().toLowerCase(java.util.Locale.ROOT)
                : a.localPart();
        return local + "@" + domain;
    }

    /** {@code a} with a domain alias resolved to its domain. */
    private EmailAddress resolved(EmailAddress a) {
        String domain = domainIndex.getOrDefault(a.domain(), a.domain());
        return domain.equals(a.domain()) ? a : new EmailAddress(a.localPart(), domain);
    }

    private Account resolved(Account a) {
        return a.withOwnAddresses(this::resolved);
    }

    private Group resolved(Group g) {
        return g.withOwnAddresses(this::resolved);
    }

    /** Fails when an address already answers in {@code alias}, which would stop reaching it once it is an alias. */
    private void requireNoAddressesIn(String alias) {
        String suffix = "@" + alias;
        for (String k : index.keySet()) {
            if (k.endsWith(suffix)) {
                throw new AlreadyExistsException(
                        "address " + k + " already exists, so '" + alias + "' cannot become a domain alias");
            }
        }
    }

    private void open() {
        if (closed) {
            throw new StorageException("the account store is closed");
        }
    }

    // ---- domains

    @Override
    public synchronized void createDomain(Domain domain) {
        open();
        List<String> names = new ArrayList<>(domain.aliases());
        names.add(domain.name());
        for (String n : names) {
            if (domainNames.containsKey(n)) {
                throw new AlreadyExistsException("domain or domain alias '" + n + "' exists");
            }
        }
        domain.aliases().forEach(this::requireNoAddressesIn);
        domains.put(domain.name(), domain);
        for (String n : names) {
            domainNames.put(n, domain.name());
            domainIndex.put(n, domain.name());
        }
    }

    @Override
    public Optional<Domain> findDomain(String nameOrAlias) {
        open();
        String name = domainIndex.get(nameOrAlias.toLowerCase(java.util.Locale.ROOT));
        synchronized (this) {
            return name == null ? Optional.empty() : Optional.ofNullable(domains.get(name));
        }
    }

    @Override
    public synchronized void updateDomain(Domain domain) {
        open();
        Domain old = domains.get(domain.name());
        if (old == null) {
            throw new NotFoundException("domain '" + domain.name() + "' does not exist");
        }
        for (String alias : domain.aliases()) {
            String owner = domainNames.get(alias);
            if (owner != null && !owner.equals(domain.name())) {
                throw new AlreadyExistsException("domain alias '" + alias + "' belongs to domain " + owner);
            }
            if (owner == null) {
                requireNoAddressesIn(alias);
            }
        }
        // add before removing: a lookup that reads the index without the lock never misses a kept alias
        for (String alias : domain.aliases()) {
            domainNames.put(alias, domain.name());
            domainIndex.put(alias, domain.name());
        }
        for (String alias : old.aliases()) {
            if (!domain.aliases().contains(alias)) {
                domainNames.remove(alias);
                domainIndex.remove(alias);
            }
        }
        domains.put(domain.name(), domain);
    }

    @Override
    public synchronized void deleteDomain(String name) {
        open();
        Domain d = domains.get(name.toLowerCase(java.util.Locale.ROOT));
        if (d == null) {
            throw new NotFoundException("domain '" + name + "' does not exist");
        }
        String suffix = "@" + d.name();
        boolean used = accounts.keySet().stream().anyMatch(k -> k.endsWith(suffix))
                || groups.keySet().stream().anyMatch(k -> k.endsWith(suffix));
        if (used) {
            throw new ConflictException("domain '" + d.name() + "' still has accounts or groups");
        }
        domains.remove(d.name());
        domainNames.remove(d.name());
        domainIndex.remove(d.name());
        for (String alias : d.aliases()) {
            domainNames.remove(alias);
            domainIndex.remove(alias);
        }
    }

    @Override
    public synchronized Page<Domain> domains(PageRequest page) {
        open();
        return page(domains, page.after(), page.limit());
    }

    private static <T> Page<T> page(TreeMap<String, T> map, String after, int limit) {
        Map<String, T> tail = after.isEmpty() ? map : map.tailMap(after, false);
        List<T> items = new ArrayList<>(Math.min(limit, tail.size()));
        String last = "";
        for (Map.Entry<String, T> e : tail.entrySet()) {
            if (items.size() == limit) {
                return new Page<>(items, last);
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, "");
    }

    // ---- accounts and groups

    private void requireDomain(EmailAddress address) {
        if (!domainIndex.containsKey(address.domain())) {
            throw new NotFoundException("domain '" + address.domain() + "' does not exist");
        }
    }

    private void requireFree(EmailAddress address, Addressee self) {
        Addressee taken = index.get(key(address));
        if (taken != null && (self == null || !taken.address().equals(self.address()))) {
            throw new AlreadyExistsException("address " + address + " already reaches " + taken.address());
        }
    }

    @Override
    public synchronized void createAccount(Account given) {
        open();
        Account account = resolved(given);
        requireDomain(account.address());
        requireFree(account.address(), null);
        for (EmailAddress alias : account.aliases()) {
            requireFree(alias, null);
        }
        accounts.put(key(account.address()), account);
        indexAccount(account);
    }

    private void indexAccount(Account account) {
        index.put(key(account.address()), account);
        for (EmailAddress alias : account.aliases()) {
            index.put(key(alias), account);
        }
    }

    private void unindex(Account account) {
        index.remove(key(account.address()));
        for (EmailAddress alias : account.aliases()) {
            index.remove(key(alias));
        }
    }

    @Override
    public Optional<Account> findAccount(EmailAddress address) {
        open();
        synchronized (this) {
            return Optional.ofNullable(accounts.get(key(address)));
        }
    }

    @Override
    public synchronized void updateAccount(Account given) {
        open();
        Account account = resolved(given);
        Account old = accounts.get(key(account.address()));
        if (old == null) {
            throw new NotFoundException("account " + account.address() + " does not exist");
        }
        for (EmailAddress alias : account.aliases()) {
            requireFree(alias, old);
        }
        // replace before removing: a lookup that reads the index without the lock never misses a kept address
        accounts.put(key(account.address()), account);
        indexAccount(account);
        Set<String> kept = keys(account);
        for (String k : keys(old)) {
            if (!kept.contains(k)) {
                index.remove(k);
            }
        }
    }

    private Set<String> keys(Account account) {
        Set<String> out = new HashSet<>();
        out.add(key(account.address()));
        for (EmailAddress alias : account.aliases()) {
            out.add(key(alias));
        }
        return out;
    }

    @Override
    public synchronized void deleteAccount(EmailAddress address) {
        open();
        Account old = accounts.remove(key(address));
        if (old == null) {
            throw new NotFoundException("account " + address + " does not exist");
        }
        unindex(old);
    }

    @Override
    public synchronized Page<Account> accounts(String domain, PageRequest page) {
        open();
        return page(byDomain(accounts, domain), page.after(), page.limit());
    }

    private <T> TreeMap<String, T> byDomain(TreeMap<String, T> map, String domain) {
        String suffix = "@" + domain.toLowerCase(java.util.Locale.ROOT);
        TreeMap<String, T> out = new TreeMap<>();
        map.forEach((k, v) -> {
            if (k.endsWith(suffix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public synchronized void createGroup(Group given) {
        open();
        Group group = resolved(given);
        requireDomain(group.address());
        requireFree(group.address(), null);
        if (group.parent() != null && !groups.containsKey(key(group.parent()))) {
            throw new NotFoundException("parent group " + group.parent() + " does not exist");
        }
        groups.put(key(group.address()), group);
        index.put(key(group.address()), group);
    }

    @Override
    public Optional<Group> findGroup(EmailAddress address) {
        open();
        synchronized (this) {
            return Optional.ofNullable(groups.get(key(address)));
        }
    }

    @Override
    public synchronized void updateGroup(Group given) {
        open();
        Group group = resolved(given);
        String k = key(group.address());
        if (!groups.containsKey(k)) {
            throw new NotFoundException("group " + group.address() + " does not exist");
        }
        EmailAddress p = group.parent();
        int depth = 0;
        while (p != null) {
            Group parent = groups.get(key(p));
            if (parent == null) {
                throw new NotFoundException("parent group " + p + " does not exist");
            }
            if (key(parent.address()).equals(k) || ++depth > 1000) {
                throw new ConflictException(
                        "making " + group.parent() + " the parent of " + group.address() + " would make a cycle");
            }
            p = parent.parent();
        }
        groups.put(k, group);
        index.put(k, group);
    }

    @Override
    public synchronized void deleteGroup(EmailAddress address) {
        open();
        String k = key(address);
        if (!groups.containsKey(k)) {
            throw new NotFoundException("group " + address + " does not exist");
        }
        for (Group g : groups.values()) {
            if (g.parent() != null && key(g.parent()).equals(k)) {
                throw new ConflictException("group " + address + " is the parent of " + g.address());
            }
        }
        groups.remove(k);
        index.remove(k);
    }

    @Override
    public synchronized Page<Group> groups(String domain, PageRequest page) {
        open();
        return page(byDomain(groups, domain), page.after(), page.limit());
    }

    @Override
    public Optional<Addressee> lookup(EmailAddress address) {
        open();
        return Optional.ofNullable(index.get(key(address)));
    }

    @Override
    public void close() {
        closed = true;
    }
}
