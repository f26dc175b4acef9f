package org.icewarp.core.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.icewarp.core.config.ConfigurationException;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.StoreChoice;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The three stores of a running server, each opened from the provider its configuration names. */
public final class Storage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

    private final AccountStore accounts;
    private final MailboxStore mailboxes;
    private final QueueStore queue;

    private Storage(AccountStore accounts, MailboxStore mailboxes, QueueStore queue) {
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.queue = queue;
    }

    /**
     * Opens the stores the configuration names, finding providers with {@link ServiceLoader}.
     *
     * @throws ConfigurationException naming the key when a provider is unknown or refuses its options; stores opened
     *     before the failing one are closed again
     */
    public static Storage open(ServerConfig config, Clock clock, ClassLoader loader) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            AccountStore a = settings(config.accounts(), "accounts", clock, config, loader, opened, Kind.ACCOUNTS);
            MailboxStore m = settings(config.mailboxes(), "mailboxes", clock, config, loader, opened, Kind.MAILBOXES);
            QueueStore q = settings(config.queue(), "queue", clock, config, loader, opened, Kind.QUEUE);
            return new Storage(a, m, q);
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened) {
                closeQuietly(c);
            }
            throw e;
        }
    }

    private enum Kind {
        ACCOUNTS,
        MAILBOXES,
        QUEUE
    }

    @SuppressWarnings("unchecked")
    private static <T extends AutoCloseable> T settings(
            StoreChoice choice,
            String key,
            Clock clock,
            ServerConfig config,
            ClassLoader loader,
            List<AutoCloseable> opened,
            Kind kind) {
        String base = "system.storage." + key;
        StorageProvider provider = null;
        TreeSet<String> known = new TreeSet<>();
        for (StorageProvider p : ServiceLoader.load(StorageProvider.class, loader)) {
            known.add(p.id());
            if (p.id().equals(choice.provider())) {
                provider = p;
            }
        }
        if (provider == null) {
            throw new ConfigurationException(
                    base + ".provider",
                    choice.provider(),
                    "no storage provider with this id is on the class path (known: " + known + ")");
        }
        StorageSettings settings = new StorageSettings(Options.of(choice.options()), clock, config.serverId());
        try {
            AutoCloseable store = switch (kind) {
                case ACCOUNTS -> provider.openAccounts(settings);
                case MAILBOXES -> provider.openMailboxes(settings);
                case QUEUE -> provider.openQueue(settings);
            };
            opened.add(store);
            return (T) store;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(base + ".options", null, e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new ConfigurationException(
                    base + ".provider", choice.provider(), "this provider cannot hold " + key, e);
        }
    }

    /** The account store. */
    public AccountStore accounts() {
        return accounts;
    }

    /** The mailbox store. */
    public MailboxStore mailboxes() {
        return mailboxes;
    }

    /** The queue store. */
    public QueueStore queue() {
        return queue;
    }

    @Override
    public void close() {
        closeQuietly(queue);
        closeQuietly(mailboxes);
        closeQuietly(accounts);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing a store failed", e);
        }
    }
}
