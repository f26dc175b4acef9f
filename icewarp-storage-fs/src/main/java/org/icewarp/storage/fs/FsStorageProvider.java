package org.icewarp.storage.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Names;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.StorageUnavailableException;

/**
 * The file-system storage provider, id {@code fs}: accounts, mailboxes and the outgoing queue as files below one mail
 * path. The options, the on-disk layout and the durability and locking rules are described in the module README.
 *
 * <p>Thread-safe; each opener returns a new store that the caller closes.
 */
public final class FsStorageProvider implements StorageProvider {

    /** For {@link java.util.ServiceLoader}. */
    public FsStorageProvider() {}

    /** Returns {@code fs}. */
    @Override
    public String id() {
        return "fs";
    }

    /**
     * Opens the account store in {@code accounts-path}.
     *
     * @throws IllegalArgumentException naming the option when the settings are invalid
     * @throws StorageUnavailableException when the files cannot be read
     */
    @Override
    public AccountStore openAccounts(StorageSettings settings) {
        FsSettings s = FsSettings.parse(Objects.requireNonNull(settings, "settings"));
        return new FsAccountStore(s.accountsPath(), s.localPartPolicy());
    }

    /**
     * Opens the mailbox store in {@code path}.
     *
     * @throws IllegalArgumentException naming the option when the settings are invalid
     * @throws StorageUnavailableException when the mail path cannot be used
     */
    @Override
    public MailboxStore openMailboxes(StorageSettings settings) {
        return new FsMailboxStore(FsSettings.parse(Objects.requireNonNull(settings, "settings")));
    }

    /**
     * Opens the queue store in {@code <path>/_outgoing}.
     *
     * @throws IllegalArgumentException naming the option when the settings are invalid
     * @throws StorageUnavailableException when the directory cannot be used
     */
    @Override
    public QueueStore openQueue(StorageSettings settings) {
        return new FsQueueStore(FsSettings.parse(Objects.requireNonNull(settings, "settings")));
    }

    /**
     * Prepares a service's temporary folder {@code <temp-path>/<service>}, emptied, as the seed's Temp path says the
     * server does when the service starts. The kernel calls this once per service start; the service then keeps its
     * temporary files there. Temp folders are per server: never share them between servers on one mail path.
     *
     * @param settings the provider settings ({@code temp-path}, or {@code <path>/_temp})
     * @param service the service's folder name, for example {@code SMTP}, {@code POP3}, {@code Control}
     * @return the empty folder
     * @throws org.icewarp.storage.InvalidNameException when {@code service} is not a safe single name
     * @throws StorageUnavailableException when the folder cannot be emptied or created
     */
    public static Path prepareServiceTemp(StorageSettings settings, String service) {
        FsSettings s = FsSettings.parse(Objects.requireNonNull(settings, "settings"));
        Names.requireSafeSegment("service temp folder", Objects.requireNonNull(service, "service"));
        Path dir = s.tempPath().resolve(service);
        try {
            Durable.deleteTree(dir);
            Durable.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot prepare the temp folder " + dir + ": " + e, e);
        }
    }
}
