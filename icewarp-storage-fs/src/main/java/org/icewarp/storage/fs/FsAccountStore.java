package org.icewarp.storage.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
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
import org.icewarp.storage.StorageUnavailableException;

/**
 * Domains, accounts and groups as one small text file each under {@code accounts-path}, with every address in an
 * in-memory hash index built at open and kept current by every change (reads never touch the disk). Accounts and
 * groups are written with domain aliases in their addresses resolved ({@link AccountStore}), so the index built at the
 * next open has the same keys as the one kept before it, whatever happened to the domain aliases meanwhile.
 *
 * <p>Implementation note: changes are serialised by one lock (they are rare next to lookups) and each is durable
 * (atomic file replacement) before the index changes, so a reader never sees a change that could be lost. The index is
 * private to this process: another process sharing {@code accounts-path} sees the changes at its next open.
 */
final class FsAccountStore implements AccountStore {
    private final Path root;
    private final LocalPartPolicy policy;
    /** Domain name or alias to domain name. */
    private final Map<String, String> domainNames = new ConcurrentHashMap<>();

    private final NavigableMap<String, Domain> domains = new ConcurrentSkipListMap<>();
    /** Folded address (canonical domain) to the account or group that answers to it. */
    private final Map<String, Addressee> index = new ConcurrentHashMap<>();

    private final Map<String, NavigableMap<String, Account>> accounts = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<String, Group>> groups = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private volatile boolean closed;

    FsAccountStore(Path root, LocalPartPolicy policy) {
        this.root = root;
        this.policy = policy;
        try {
            Durable.createDirectories(root);
            load();
        } catch (IOException | RuntimeException e) {
            throw new StorageUnavailableException("cannot open the account store at " + root + ": " + e, e);
        }
    }

    private void load() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : ds) {
                Durable.removeTempFiles(dir);
                Path domainFile = dir.resolve(AccountFiles.DOMAIN_FILE);
                if (Files.exists(domainFile)) {
                    putDomain(read(domainFile, AccountFiles::domain));
                    dirs.add(dir);
                }
            }
        }
        // accounts and groups after every domain, so that addresses in domain aliases resolve
        for (Path dir : dirs) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(AccountFiles.ACCOUNT_SUFFIX)) {
                        putAccount(read(f, AccountFiles::account));
                    } else if (n.endsWith(AccountFiles.GROUP_SUFFIX)) {
                        putGroup(read(f, AccountFiles::group));
                    }
                }
            }
        }
    }

    private static <T> T read(Path file, Function<byte[], T> parser) throws IOException {
        try {
            return parser.apply(Files.readAllBytes(file));
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LocalPartPolicy localPartPolicy() {
        return policy;
    }

    // ---- keys

    private String fold(String localPart) {
        return policy == LocalPartPolicy.CASE_INSENSITIVE ? localPart.toLowerCase(Locale.ROOT) : localPart;
    }

    private String key(EmailAddress a) {
        return fold(a.localPart()) + '@' + domainNames.getOrDefault(a.domain(), a.domain());
    }

    private Set<String> keys(Addressee a) {
        Set<String> out = new HashSet<>();
        out.add(key(a.address()));
        if (a instanceof Account acc) {
            acc.aliases().forEach(x -> out.add(key(x)));
        }
        return out;
    }

    /** {@code a} with a domain alias resolved to its domain. */
    private EmailAddress resolved(EmailAddress a) {
        String domain = canonical(a);
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
                        "address " + k + " already exists, so " + alias + " cannot become a domain alias");
            }
        }
    }

    private Path domainDir(String domain) {
        return root.resolve(FileNames.domainDir(domain));
    }

    /** The domain an address belongs to, with domain aliases resolved (the address's own domain when unknown). */
    private String canonical(EmailAddress a) {
        return domainNames.getOrDefault(a.domain(), a.domain());
    }

    private Path file(EmailAddress a, String suffix) {
        return domainDir(canonical(a)).resolve(FileNames.encode(fold(a.localPart())) + suffix);
    }

    // ---- domains

    @Override
    public void createDomain(Domain domain) {
        synchronized (writeLock) {
            ensureOpen();
            for (String n : names(domain)) {
                if (domainNames.containsKey(n)) {
                    throw new AlreadyExistsException("domain or domain alias " + n + " exists");
                }
            }
            domain.aliases().forEach(this::requireNoAddressesIn);
            io("create domain " + domain.name(), () -> {
                Durable.createDirectories(domainDir(domain.name()));
                Durable.write(domainDir(domain.name()).resolve(AccountFiles.DOMAIN_FILE), AccountFiles.domain(domain));
            });
            putDomain(domain);
        }
    }

    private static List<String> names(Domain d) {
        List<String> n = new ArrayList<>(d.aliases());
        n.add(0, d.name());
        return n;
    }

    private void putDomain(Domain d) {
        domains.put(d.name(), d);
        names(d).forEach(n -> domainNames.put(n, d.name()));
        accounts.computeIfAbsent(d.name(), k -> new ConcurrentSkipListMap<>());
        groups.computeIfAbsent(d.name(), k -> new ConcurrentSkipListMap<>());
    }

    @Override
    public Optional<Domain> findDomain(String nameOrAlias) {
        ensureOpen();
        String name = domainNames.get(nameOrAlias.toLowerCase(Locale.ROOT));
        return name == null ? Optional.empty() : Optional.ofNullable(domains.get(name));
    }

    @Override
    public void updateDomain(Domain domain) {
        synchronized (writeLock) {
            ensureOpen();
            Domain old = domains.get(domain.name());
            if (old == null) {
                throw new NotFoundException("domain " + domain.name() + " does not exist");
            }
            for (String alias : domain.aliases()) {
                String owner = domainNames.get(alias);
                if (owner != null && !owner.equals(domain.name())) {
                    throw new AlreadyExistsException("domain alias " + alias + " belongs to " + owner);
                }
                if (owner == null) {
                    requireNoAddressesIn(alias);
                }
            }
            io(
                    "update domain " + domain.name(),
                    () -> Durable.write(
                            domainDir(domain.name()).resolve(AccountFiles.DOMAIN_FILE), AccountFiles.domain(domain)));
            putDomain(domain);
            old.aliases().stream().filter(a -> !domain.aliases().contains(a)).forEach(domainNames::remove);
        }
    }

    @Override
    public void deleteDomain(String name) {
        synchronized (writeLock) {
            ensureOpen();
            String n = name.toLowerCase(Locale.ROOT);
            Domain d = domains.get(n);
            if (d == null) {
                throw new NotFoundException("domain " + name + " does not exist");
            }
            if (!accounts.get(n).isEmpty() || !groups.get(n).isEmpty()) {
                throw new ConflictException("domain " + n + " still has accounts or groups");
            }
            io("delete domain " + n, () -> {
                Files.deleteIfExists(domainDir(n).resolve(AccountFiles.DOMAIN_FILE));
                Durable.deleteTree(domainDir(n));
                Durable.fsyncDirectory(root);
            });
            domains.remove(n);
            names(d).forEach(domainNames::remove);
            accounts.remove(n);
            groups.remove(n);
        }
    }

    @Override
    public Page<Domain> domains(PageRequest page) {
        ensureOpen();
        return page(domains, page);
    }

    // ---- accounts

    @Override
    public void createAccount(Account given) {
        synchronized (writeLock) {
            ensureOpen();
            Account account = resolved(given);
            requireFree(keys(account), null);
            requireDomain(account.address().domain());
            io(
                    "create account " + account.address(),
                    () -> Durable.write(
                            file(account.address(), AccountFiles.ACCOUNT_SUFFIX), AccountFiles.account(account)));
            putAccount(account);
        }
    }

    private void putAccount(Account a) {
        keys(a).forEach(k -> index.put(k, a));
        accounts.get(canonical(a.address())).put(a.address().toString(), a);
    }

    private void requireDomain(String domain) {
        if (!domainNames.containsKey(domain)) {
            throw new NotFoundException("domain " + domain + " does not exist");
        }
    }

    private void requireFree(Set<String> keys, Addressee self) {
        for (String k : keys) {
            Addressee other = index.get(k);
            if (other != null && other != self) {
                throw new AlreadyExistsException("address " + k + " already reaches " + other.address());
            }
        }
    }

    @Override
    public Optional<Account> findAccount(EmailAddress address) {
        ensureOpen();
        return index.get(key(address)) instanceof Account a && key(a.address()).equals(key(address))
                ? Optional.of(a)
                : Optional.empty();
    }

    @Override
    public void updateAccount(Account given) {
        synchronized (writeLock) {
            ensureOpen();
            Account account = resolved(given);
            Account old = findAccount(account.address())
                    .orElseThrow(() -> new NotFoundException("account " + account.address() + " does not exist"));
            requireFree(keys(account), old);
            io(
                    "update account " + account.address(),
                    () -> Durable.write(
                            file(old.address(), AccountFiles.ACCOUNT_SUFFIX), AccountFiles.account(account)));
            // replace before removing: lookups read the index without the lock and must never miss a kept address
            Set<String> kept = keys(account);
            putAccount(account);
            if (!old.address().toString().equals(account.address().toString())) {
                accounts.get(canonical(old.address())).remove(old.address().toString());
            }
            keys(old).stream().filter(k -> !kept.contains(k)).forEach(index::remove);
        }
    }

    @Override
    public void deleteAccount(EmailAddress address) {
        synchronized (writeLock) {
            ensureOpen();
            Account old = findAccount(address)
                    .orElseThrow(() -> new NotFoundException("account " + address + " does not exist"));
            Path f = file(old.address(), AccountFiles.ACCOUNT_SUFFIX);
            io("delete account " + address, () -> {
                Files.deleteIfExists(f);
                Durable.fsyncDirectory(f.getParent());
            });
            keys(old).forEach(index::remove);
            accounts.get(canonical(old.address())).remove(old.address().toString());
        }
    }

    @Override
    public Page<Account> accounts(String domain, PageRequest page) {
        ensureOpen();
        NavigableMap<String, Account> m = accounts.get(
                domainNames.getOrDefault(domain.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT)));
        return m == null ? new Page<>(List.of(), "") : page(m, page);
    }

    // ---- groups

    @Override
    public void createGroup(Group given) {
        synchronized (writeLock) {
            ensureOpen();
            Group group = resolved(given);
            requireFree(keys(group), null);
            requireDomain(group.address().domain());
            if (group.parent() != null && findGroup(group.parent()).isEmpty()) {
                throw new NotFoundException("parent group " + group.parent() + " does not exist");
            }
            io(
                    "create group " + group.address(),
                    () -> Durable.write(file(group.address(), AccountFiles.GROUP_SUFFIX), AccountFiles.group(group)));
            putGroup(group);
        }
    }

    private void putGroup(Group g) {
        index.put(key(g.address()), g);
        groups.get(canonical(g.address())).put(g.address().toString(), g);
    }

    @Override
    public Optional<Group> findGroup(EmailAddress address) {
        ensureOpen();
        return index.get(key(address)) instanceof Group g ? Optional.of(g) : Optional.empty();
    }

    @Override
    public void updateGroup(Group given) {
        synchronized (writeLock) {
            ensureOpen();
            Group group = resolved(given);
            Group old = findGroup(group.address())
                    .orElseThrow(() -> new NotFoundException("group " + group.address() + " does not exist"));
            EmailAddress p = group.parent();
            Set<String> seen = new HashSet<>();
            while (p != null) {
                Group parent = findGroup(p).orElseThrow(() -> new NotFoundException("parent group does not exist"));
                if (key(parent.address()).equals(key(group.address())) || !seen.add(key(parent.address()))) {
                    throw new ConflictException("parent " + group.parent() + " would make a cycle");
                }
                p = parent.parent();
            }
            io(
                    "update group " + group.address(),
                    () -> Durable.write(file(old.address(), AccountFiles.GROUP_SUFFIX), AccountFiles.group(group)));
            groups.get(canonical(old.address())).remove(old.address().toString());
            index.remove(key(old.address()));
            putGroup(group);
        }
    }

    @Override
    public void deleteGroup(EmailAddress address) {
        synchronized (writeLock) {
            ensureOpen();
            Group old =
                    findGroup(address).orElseThrow(() -> new NotFoundException("group " + address + " does not exist"));
            for (NavigableMap<String, Group> m : groups.values()) {
                for (Group g : m.values()) {
                    if (g.parent() != null && key(g.parent()).equals(key(old.address()))) {
                        throw new ConflictException("group " + g.address() + " names " + address + " as parent");
                    }
                }
            }
            Path f = file(old.address(), AccountFiles.GROUP_SUFFIX);
            io("delete group " + address, () -> {
                Files.deleteIfExists(f);
                Durable.fsyncDirectory(f.getParent());
            });
            index.remove(key(old.address()));
            groups.get(canonical(old.address())).remove(old.address().toString());
        }
    }

    @Override
    public Page<Group> groups(String domain, PageRequest page) {
        ensureOpen();
        NavigableMap<String, Group> m =
                groups.get(domainNames.getOrDefault(domain.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT)));
        return m == null ? new Page<>(List.of(), "") : page(m, page);
    }

    // ---- the hot path

    @Override
    public Optional<Addressee> lookup(EmailAddress address) {
        ensureOpen();
        String domain = domainNames.get(address.domain());
        if (domain == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(index.get(fold(address.localPart()) + '@' + domain));
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- helpers

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the account store at " + root + " is closed");
        }
    }

    private static <T> Page<T> page(NavigableMap<String, T> m, PageRequest page) {
        NavigableMap<String, T> tail = page.after().isEmpty() ? m : m.tailMap(page.after(), false);
        List<T> items = new ArrayList<>(Math.min(page.limit(), 64));
        String last = "";
        for (Map.Entry<String, T> e : tail.entrySet()) {
            if (items.size() == page.limit()) {
                return new Page<>(items, last);
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, "");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(String what, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot " + what + ": " + e, e);
        }
    }
}
