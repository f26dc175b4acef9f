package org.icewarp.storage.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
 * Domains, accounts and groups in a database. Writes serialise on one lock row ({@code iw_locks 'accounts'}), across
 * servers too: they are rare, and it keeps cross-object rules (a domain alias may not shadow an address) simple.
 *
 * <p>{@link #lookup} answers from a Caffeine cache ({@code lookup-cache.ttl}, {@code lookup-cache.size}); negative
 * answers are cached too. A write through this store empties the cache at once and bumps a generation number, so an
 * answer loaded while the write committed is not served afterwards. Writes through another store (another server)
 * are seen here within the TTL: that is the staleness bound.
 */
final class JdbcAccountStore implements AccountStore {
    private final Database db;
    private final LocalPartPolicy policy;
    private final Cache<String, Cached> cache;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean closed;

    private record Cached(long generation, Optional<Addressee> value) {}

    JdbcAccountStore(Database db) {
        this.db = db;
        this.policy = db.settings().localPartPolicy();
        JdbcSettings s = db.settings();
        this.cache = s.lookupCacheTtl().isZero() || s.lookupCacheSize() == 0
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(s.lookupCacheTtl())
                        .maximumSize(s.lookupCacheSize())
                        .build();
    }

    @Override
    public LocalPartPolicy localPartPolicy() {
        return policy;
    }

    private void open() {
        if (closed) {
            throw new StorageException("the account store is closed");
        }
    }

    private String local(String localPart) {
        return policy == LocalPartPolicy.CASE_INSENSITIVE ? localPart.toLowerCase(Locale.ROOT) : localPart;
    }

    /** {@code a} with a domain alias resolved to its domain. */
    private static EmailAddress resolved(Connection c, EmailAddress a) throws SQLException {
        String domain = AccountRows.domainOf(c, a.domain());
        return domain == null || domain.equals(a.domain()) ? a : new EmailAddress(a.localPart(), domain);
    }

    private String key(EmailAddress resolved) {
        return local(resolved.localPart()) + "@" + resolved.domain();
    }

    private <T> T write(String what, Database.Work<T> work) {
        open();
        try {
            return db.tx(what, c -> {
                try (PreparedStatement p =
                        c.prepareStatement("SELECT lock_name FROM iw_locks WHERE lock_name = 'accounts' FOR UPDATE")) {
                    p.executeQuery().close();
                }
                return work.run(c);
            });
        } finally {
            generation.incrementAndGet();
            if (cache != null) {
                cache.invalidateAll();
            }
        }
    }

    private <T> T read(String what, Database.Work<T> work) {
        open();
        return db.tx(what, work);
    }

    // ---- domains

    @Override
    public void createDomain(Domain domain) {
        write("creating domain " + domain.name(), c -> {
            List<String> names = new ArrayList<>(domain.aliases());
            names.add(domain.name());
            for (String n : names) {
                if (AccountRows.domainOf(c, n) != null) {
                    throw new AlreadyExistsException("domain or domain alias '" + n + "' exists");
                }
            }
            for (String alias : domain.aliases()) {
                requireNoAddressesIn(c, alias);
            }
            AccountRows.update(
                    c,
                    "INSERT INTO iw_domains (name, options) VALUES (?, ?)",
                    domain.name(),
                    AccountRows.encodeOptions(domain.options()));
            for (String n : names) {
                AccountRows.insertDomainName(c, n, domain.name());
            }
            return null;
        });
    }

    private static void requireNoAddressesIn(Connection c, String alias) throws SQLException {
        if (AccountRows.anyAddressIn(c, alias)) {
            throw new AlreadyExistsException(
                    "an address in '" + alias + "' already exists, so '" + alias + "' cannot become a domain alias");
        }
    }

    @Override
    public Optional<Domain> findDomain(String nameOrAlias) {
        return read("reading domain " + nameOrAlias, c -> {
            String name = AccountRows.domainOf(c, nameOrAlias.toLowerCase(Locale.ROOT));
            return name == null ? Optional.<Domain>empty() : AccountRows.domain(c, name);
        });
    }

    @Override
    public void updateDomain(Domain domain) {
        write("updating domain " + domain.name(), c -> {
            Domain old = AccountRows.domain(c, domain.name())
                    .orElseThrow(() -> new NotFoundException("domain '" + domain.name() + "' does not exist"));
            for (String alias : domain.aliases()) {
                String owner = AccountRows.domainOf(c, alias);
                if (owner != null && !owner.equals(domain.name())) {
                    throw new AlreadyExistsException("domain alias '" + alias + "' belongs to domain " + owner);
                }
                if (owner == null) {
                    requireNoAddressesIn(c, alias);
                    AccountRows.insertDomainName(c, alias, domain.name());
                }
            }
            for (String alias : old.aliases()) {
                if (!domain.aliases().contains(alias)) {
                    AccountRows.update(c, "DELETE FROM iw_domain_names WHERE name = ?", alias);
                }
            }
            AccountRows.update(
                    c,
                    "UPDATE iw_domains SET options = ? WHERE name = ?",
                    AccountRows.encodeOptions(domain.options()),
                    domain.name());
            return null;
        });
    }

    @Override
    public void deleteDomain(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        write("deleting domain " + n, c -> {
            if (AccountRows.domain(c, n).isEmpty()) {
                throw new NotFoundException("domain '" + name + "' does not exist");
            }
            if (AccountRows.exists(c, "SELECT 1 FROM iw_accounts WHERE domain_name = ?", n)
                    || AccountRows.exists(c, "SELECT 1 FROM iw_groups WHERE domain_name = ?", n)) {
                throw new ConflictException("domain '" + n + "' still has accounts or groups");
            }
            AccountRows.update(c, "DELETE FROM iw_domain_names WHERE domain_name = ?", n);
            AccountRows.update(c, "DELETE FROM iw_domains WHERE name = ?", n);
            return null;
        });
    }

    @Override
    public Page<Domain> domains(PageRequest page) {
        return read("listing domains", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement p =
                    c.prepareStatement("SELECT name FROM iw_domains WHERE name > ? ORDER BY name LIMIT ?")) {
                p.setString(1, page.after());
                p.setInt(2, page.limit() + 1);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        names.add(r.getString(1));
                    }
                }
            }
            boolean more = names.size() > page.limit();
            List<Domain> items = new ArrayList<>();
            for (String n : names.subList(0, Math.min(names.size(), page.limit()))) {
                AccountRows.domain(c, n).ifPresent(items::add);
            }
            return new Page<>(items, more ? names.get(page.limit() - 1) : "");
        });
    }

    // ---- accounts

    /** The keys (to spellings) of an account's addresses, primary first, with domain aliases resolved. */
    private Map<String, EmailAddress> addresses(EmailAddress primary, Iterable<EmailAddress> aliases) {
        Map<String, EmailAddress> out = new LinkedHashMap<>();
        out.put(key(primary), primary);
        for (EmailAddress a : aliases) {
            out.putIfAbsent(key(a), a);
        }
        return out;
    }

    private Account resolved(Connection c, Account given) throws SQLException {
        Map<EmailAddress, EmailAddress> map = new LinkedHashMap<>();
        map.put(given.address(), resolved(c, given.address()));
        for (EmailAddress a : given.aliases()) {
            map.put(a, resolved(c, a));
        }
        return given.withOwnAddresses(map::get);
    }

    private static void requireDomain(Connection c, EmailAddress address) throws SQLException {
        if (AccountRows.domainOf(c, address.domain()) == null) {
            throw new NotFoundException("domain '" + address.domain() + "' does not exist");
        }
    }

    private static void requireFree(Connection c, String key, EmailAddress address, String self) throws SQLException {
        String[] owner = AccountRows.owner(c, key);
        if (owner != null && !owner[0].equals(self)) {
            throw new AlreadyExistsException("address " + address + " is taken");
        }
    }

    @Override
    public void createAccount(Account given) {
        write("creating account " + given.address(), c -> {
            Account account = resolved(c, given);
            requireDomain(c, account.address());
            Map<String, EmailAddress> addresses = addresses(account.address(), account.aliases());
            for (Map.Entry<String, EmailAddress> e : addresses.entrySet()) {
                requireFree(c, e.getKey(), e.getValue(), null);
            }
            String key = key(account.address());
            AccountRows.writeAccount(c, key, account, true);
            AccountRows.insertAddresses(c, key, 'A', addresses, 0);
            return null;
        });
    }

    @Override
    public Optional<Account> findAccount(EmailAddress address) {
        return read("reading account " + address, c -> AccountRows.account(c, key(resolved(c, address))));
    }

    @Override
    public void updateAccount(Account given) {
        write("updating account " + given.address(), c -> {
            Account account = resolved(c, given);
            String key = key(account.address());
            if (AccountRows.account(c, key).isEmpty()) {
                throw new NotFoundException("account " + account.address() + " does not exist");
            }
            Map<String, EmailAddress> addresses = addresses(account.address(), account.aliases());
            for (Map.Entry<String, EmailAddress> e : addresses.entrySet()) {
                requireFree(c, e.getKey(), e.getValue(), key);
            }
            AccountRows.writeAccount(c, key, account, false);
            // rewrite the address rows; a reader sees the old set or the new one, never a gap (one transaction)
            AccountRows.update(c, "DELETE FROM iw_addresses WHERE owner_key = ?", key);
            AccountRows.insertAddresses(c, key, 'A', addresses, 0);
            return null;
        });
    }

    @Override
    public void deleteAccount(EmailAddress address) {
        write("deleting account " + address, c -> {
            String key = key(resolved(c, address));
            if (AccountRows.update(c, "DELETE FROM iw_accounts WHERE addr_key = ?", key) == 0) {
                throw new NotFoundException("account " + address + " does not exist");
            }
            AccountRows.update(c, "DELETE FROM iw_addresses WHERE owner_key = ?", key);
            return null;
        });
    }

    @Override
    public Page<Account> accounts(String domain, PageRequest page) {
        return read("listing accounts of " + domain, c -> {
            List<Account> found = AccountRows.accounts(
                    c,
                    "SELECT addr_key, address, full_name, quota_bytes, disabled, credentials, dir_source, dir_uuid,"
                            + " dir_modified, dir_owned FROM iw_accounts WHERE domain_name = ? AND addr_key > ?"
                            + " ORDER BY addr_key LIMIT ?",
                    domain.toLowerCase(Locale.ROOT),
                    page.after(),
                    page.limit() + 1);
            return page(found, page.limit(), a -> key(a.address()));
        });
    }

    private static <T> Page<T> page(List<T> found, int limit, java.util.function.Function<T, String> key) {
        if (found.size() <= limit) {
            return new Page<>(found, "");
        }
        List<T> items = found.subList(0, limit);
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }

    // ---- groups

    @Override
    public void createGroup(Group given) {
        write("creating group " + given.address(), c -> {
            Group group = resolvedGroup(c, given);
            requireDomain(c, group.address());
            String key = key(group.address());
            requireFree(c, key, group.address(), null);
            String parentKey = group.parent() == null ? null : key(group.parent());
            if (parentKey != null && AccountRows.group(c, parentKey).isEmpty()) {
                throw new NotFoundException("parent group " + group.parent() + " does not exist");
            }
            AccountRows.writeGroup(c, key, parentKey, group, true);
            Map<String, EmailAddress> addresses = new LinkedHashMap<>();
            addresses.put(key, group.address());
            AccountRows.insertAddresses(c, key, 'G', addresses, 0);
            return null;
        });
    }

    private Group resolvedGroup(Connection c, Group given) throws SQLException {
        EmailAddress address = resolved(c, given.address());
        EmailAddress parent = given.parent() == null ? null : resolved(c, given.parent());
        return given.withOwnAddresses(a -> a.equals(given.address()) ? address : parent);
    }

    @Override
    public Optional<Group> findGroup(EmailAddress address) {
        return read("reading group " + address, c -> AccountRows.group(c, key(resolved(c, address))));
    }

    @Override
    public void updateGroup(Group given) {
        write("updating group " + given.address(), c -> {
            Group group = resolvedGroup(c, given);
            String key = key(group.address());
            if (AccountRows.group(c, key).isEmpty()) {
                throw new NotFoundException("group " + group.address() + " does not exist");
            }
            String parentKey = group.parent() == null ? null : key(group.parent());
            String p = parentKey;
            for (int depth = 0; p != null; depth++) {
                String next = AccountRows.parentKey(c, p, "\0missing");
                if ("\0missing".equals(next)) {
                    throw new NotFoundException("parent group " + p + " does not exist");
                }
                if (p.equals(key) || depth > 1000) {
                    throw new ConflictException(
                            "making " + group.parent() + " the parent of " + group.address() + " would make a cycle");
                }
                p = next;
            }
            AccountRows.writeGroup(c, key, parentKey, group, false);
            return null;
        });
    }

    @Override
    public void deleteGroup(EmailAddress address) {
        write("deleting group " + address, c -> {
            String key = key(resolved(c, address));
            if (AccountRows.group(c, key).isEmpty()) {
                throw new NotFoundException("group " + address + " does not exist");
            }
            if (AccountRows.exists(c, "SELECT 1 FROM iw_groups WHERE parent_key = ?", key)) {
                throw new ConflictException("group " + address + " is the parent of other groups");
            }
            AccountRows.update(c, "DELETE FROM iw_groups WHERE addr_key = ?", key);
            AccountRows.update(c, "DELETE FROM iw_addresses WHERE owner_key = ?", key);
            return null;
        });
    }

    @Override
    public Page<Group> groups(String domain, PageRequest page) {
        return read("listing groups of " + domain, c -> {
            List<Group> found = AccountRows.groups(
                    c,
                    "SELECT addr_key, address, parent_address, members, dir_source, dir_uuid, dir_modified, dir_owned"
                            + " FROM iw_groups WHERE domain_name = ? AND addr_key > ? ORDER BY addr_key LIMIT ?",
                    domain.toLowerCase(Locale.ROOT),
                    page.after(),
                    page.limit() + 1);
            return page(found, page.limit(), g -> key(g.address()));
        });
    }

    // ---- the hot path

    @Override
    public Optional<Addressee> lookup(EmailAddress address) {
        open();
        String cacheKey = local(address.localPart()) + "@" + address.domain();
        if (cache != null) {
            Cached hit = cache.getIfPresent(cacheKey);
            if (hit != null && hit.generation() == generation.get()) {
                return hit.value();
            }
        }
        long g = generation.get();
        Optional<Addressee> value = db.tx("looking up " + address, c -> {
            String[] owner = AccountRows.owner(c, key(resolved(c, address)));
            if (owner == null) {
                return Optional.<Addressee>empty();
            }
            return owner[1].equals("A")
                    ? AccountRows.account(c, owner[0]).<Addressee>map(a -> a)
                    : AccountRows.group(c, owner[0]).<Addressee>map(x -> x);
        });
        if (cache != null) {
            cache.put(cacheKey, new Cached(g, value));
        }
        return value;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            db.close();
        }
    }
}
