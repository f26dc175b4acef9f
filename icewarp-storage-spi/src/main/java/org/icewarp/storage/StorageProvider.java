package org.icewarp.storage;

/**
 * A storage backend, found with {@link java.util.ServiceLoader} (list it in {@code
 * META-INF/services/org.icewarp.storage.StorageProvider}) and chosen by {@link #id()} in configuration, separately for
 * accounts, mailboxes and the queue.
 *
 * <p>A provider that cannot hold one kind of store throws {@link UnsupportedOperationException} from its opener. Every
 * store it returns must pass the contract suites of {@code icewarp-testkit}.
 */
public interface StorageProvider {

    /** The provider's id in configuration: {@code memory}, {@code fs}, {@code jdbc}, or a user's. */
    String id();

    /**
     * Opens the account store.
     *
     * @throws IllegalArgumentException naming the option when the settings are invalid
     * @throws StorageUnavailableException when the storage cannot be reached
     */
    AccountStore openAccounts(StorageSettings settings);

    /** Opens the mailbox store; as {@link #openAccounts}. */
    MailboxStore openMailboxes(StorageSettings settings);

    /** Opens the queue store; as {@link #openAccounts}. */
    QueueStore openQueue(StorageSettings settings);
}
