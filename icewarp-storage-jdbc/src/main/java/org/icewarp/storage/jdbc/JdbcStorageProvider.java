package org.icewarp.storage.jdbc;

import java.util.Objects;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.StorageUnavailableException;

/**
 * The JDBC storage provider, id {@code jdbc}: accounts, mailboxes and the outgoing queue in H2 (embedded, the default
 * when only {@code path} is given), PostgreSQL or MariaDB. The options, the schema, the engines' differences and the
 * limits are described in the module README.
 *
 * <p>Each opener returns a new store with its own connection pool, and brings the database schema up to date first.
 * Several stores, in one process or on several servers, may share one database: UIDs, quotas and queue leases stay
 * correct, and mailbox listeners hear changes made through the other stores. Thread-safe.
 */
public final class JdbcStorageProvider implements StorageProvider {

    /** For {@link java.util.ServiceLoader}. */
    public JdbcStorageProvider() {}

    /** Returns {@code jdbc}. */
    @Override
    public String id() {
        return "jdbc";
    }

    /**
     * Opens the account store.
     *
     * @throws IllegalArgumentException naming the option when the settings are invalid
     * @throws StorageUnavailableException naming the URL (without its password) when the database cannot be reached
     */
    @Override
    public AccountStore openAccounts(StorageSettings settings) {
        JdbcSettings s = JdbcSettings.parse(Objects.requireNonNull(settings, "settings"));
        return new JdbcAccountStore(Database.open(s, "accounts"));
    }

    /**
     * Opens the mailbox store.
     *
     * @throws IllegalArgumentException naming the option when the settings are invalid
     * @throws StorageUnavailableException naming the URL (without its password) when the database cannot be reached
     */
    @Override
    public MailboxStore openMailboxes(StorageSettings settings) {
        JdbcSettings s = JdbcSettings.parse(Objects.requireNonNull(settings, "settings"));
        Database db = Database.open(s, "mailboxes");
        try {
            return new JdbcMailboxStore(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Opens the queue store.
     *
     * @throws IllegalArgumentException naming the option when the settings are invalid
     * @throws StorageUnavailableException naming the URL (without its password) when the database cannot be reached
     */
    @Override
    public QueueStore openQueue(StorageSettings settings) {
        JdbcSettings s = JdbcSettings.parse(Objects.requireNonNull(settings, "settings"));
        return new JdbcQueueStore(Database.open(s, "queue"));
    }
}
