package org.icewarp.samples.server;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.StoreChoice;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageException;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account store, and optionally the mailbox store, that the configuration names ({@code system.storage.accounts},
 * {@code system.storage.mailboxes}), opened by a tool as the server opens them: the provider found by id with {@link
 * ServiceLoader}, its options, the configured server ID.
 *
 * <p>Whether a tool may open them while the server runs depends on the backend, and this class says so instead of
 * failing obscurely: the {@code memory} provider is refused (each process has its own, so nothing would reach the
 * server), and an embedded H2 database that another process holds (the running server: H2 locks its file for one
 * process) is reported with the locked file and the advice to stop the server. The {@code fs} backend takes no
 * exclusive lock, and PostgreSQL or MariaDB admit any number of processes.
 */
final class ConfiguredStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredStores.class);
    /** H2's {@code DATABASE_ALREADY_OPEN_1}: the database file is locked by another process. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private final AccountStore accounts;
    private final MailboxStore mailboxes;
    private final List<AutoCloseable> opened;

    private ConfiguredStores(AccountStore accounts, MailboxStore mailboxes, List<AutoCloseable> opened) {
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.opened = opened;
    }

    /**
     * Opens the configured account store, and the mailbox store when {@code withMailboxes}.
     *
     * @param config the validated configuration
     * @param configFile the file it came from, for messages
     * @throws ToolFailure with {@link IceWarpCommand#EXIT_USAGE} for a store the configuration cannot give (memory, an
     *     unknown provider, options the provider refuses; the key is named), with {@link IceWarpCommand#EXIT_FAILURE}
     *     when a store cannot be opened (locked by the running server, unreachable)
     */
    static ConfiguredStores open(ServerConfig config, Path configFile, boolean withMailboxes) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            AccountStore a = open(config.accounts(), "accounts", config.serverId(), configFile, opened);
            MailboxStore m =
                    withMailboxes ? open(config.mailboxes(), "mailboxes", config.serverId(), configFile, opened) : null;
            return new ConfiguredStores(a, m, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The account store. */
    AccountStore accounts() {
        return accounts;
    }

    /** The mailbox store; only when opened with mailboxes. */
    MailboxStore mailboxes() {
        if (mailboxes == null) {
            throw new IllegalStateException("the mailbox store was not opened");
        }
        return mailboxes;
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    /**
     * What a server that is already running on these stores needs to see a change to accounts or domains, when that
     * is not "nothing": the {@code fs} account store indexes its files when it opens and does not see another
     * process's changes until it is opened again.
     */
    static Optional<String> noteForRunningServer(ServerConfig config) {
        if (!config.accounts().provider().equals("fs")) {
            return Optional.empty();
        }
        return Optional.of("a server already running on " + describe(config.accounts())
                + " sees this change after it restarts: the fs account store reads its files when it opens");
    }

    /** {@code fs:path=/var/mail}, with secrets masked, for messages. */
    static String describe(StoreChoice choice) {
        return new StoreSpec(choice.provider(), choice.options()).toString();
    }

    @SuppressWarnings("unchecked")
    private static <T extends AutoCloseable> T open(
            StoreChoice choice, String kind, String serverId, Path configFile, List<AutoCloseable> opened) {
        String key = "system.storage." + kind;
        if (choice.provider().equals(StoreChoice.MEMORY.provider())) {
            throw new ToolFailure(
                    IceWarpCommand.EXIT_USAGE,
                    key + ".provider is 'memory' (the default) in " + configFile + ": what this tool writes would be"
                            + " gone when it exits, and a running server has its own memory; configure fs or jdbc"
                            + " storage under system.storage (see the comments in conf/icewarp.yaml)");
        }
        StorageProvider provider = null;
        TreeSet<String> known = new TreeSet<>();
        for (StorageProvider p : ServiceLoader.load(StorageProvider.class, ConfiguredStores.class.getClassLoader())) {
            known.add(p.id());
            if (p.id().equals(choice.provider())) {
                provider = p;
            }
        }
        if (provider == null) {
            throw new ToolFailure(
                    IceWarpCommand.EXIT_USAGE,
                    key + ".provider: no storage provider '" + choice.provider() + "' on the class path (known: "
                            + String.join(", ", known) + ")");
        }
        StorageSettings settings = new StorageSettings(Options.of(choice.options()), Clock.systemUTC(), serverId);
        try {
            AutoCloseable store =
                    kind.equals("accounts") ? provider.openAccounts(settings) : provider.openMailboxes(settings);
            opened.add(store);
            return (T) store;
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(IceWarpCommand.EXIT_USAGE, key + ".options: " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new ToolFailure(
                    IceWarpCommand.EXIT_USAGE,
                    key + ".provider: provider '" + choice.provider() + "' cannot hold " + kind,
                    e);
        } catch (StorageException e) {
            if (lockedByAnotherProcess(e)) {
                throw new ToolFailure(IceWarpCommand.EXIT_FAILURE, lockedMessage(choice, kind), e);
            }
            throw new ToolFailure(
                    IceWarpCommand.EXIT_FAILURE,
                    "cannot open the " + kind + " store " + describe(choice) + ": " + e.getMessage(),
                    e);
        }
    }

    /** Whether the failure is H2 refusing a database file another process has open. */
    static boolean lockedByAnotherProcess(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("database may be already in use") || m.contains("the file is locked")) {
                return true;
            }
        }
        return false;
    }

    private static String lockedMessage(StoreChoice choice, String kind) {
        String path = choice.options().get("path");
        String file = path != null
                ? "the embedded H2 database file " + Path.of(path).resolve("icewarp.mv.db")
                : "the embedded H2 database " + describe(choice);
        return "the " + kind + " store is in use by another process, most likely the running server: " + file
                + " is locked (embedded H2 admits one process at a time). Nothing was changed. Stop the server and"
                + " run this again, or keep accounts in PostgreSQL or MariaDB, which the tool can write while the"
                + " server runs";
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // The work is done (each change was durable when its call returned); only report it.
                LOG.warn("closing a store failed: {}", e.toString());
            }
        }
        opened.clear();
    }
}
