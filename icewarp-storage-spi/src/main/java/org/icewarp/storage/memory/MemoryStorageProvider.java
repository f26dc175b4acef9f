package org.icewarp.storage.memory;

import org.icewarp.storage.AccountStore;
import org.icewarp.storage.LocalPartPolicy;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;

/**
 * The in-memory provider (id {@code memory}): the reference behaviour of the storage contract and the fast default for
 * tests. Nothing survives the process. Options: {@code local-part-policy} ({@code case-insensitive}, the default, or
 * {@code case-sensitive}).
 */
public final class MemoryStorageProvider implements StorageProvider {
    /** The provider id. */
    public static final String ID = "memory";

    /** Creates the provider ({@link java.util.ServiceLoader} needs a public constructor). */
    public MemoryStorageProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AccountStore openAccounts(StorageSettings settings) {
        String policy = settings.options().string("local-part-policy", "case-insensitive");
        for (String key : settings.options().values().keySet()) {
            if (!key.equals("local-part-policy")) {
                throw new IllegalArgumentException("unknown memory storage option '" + key + "'");
            }
        }
        return new MemoryAccountStore(
                switch (policy) {
                    case "case-insensitive" -> LocalPartPolicy.CASE_INSENSITIVE;
                    case "case-sensitive" -> LocalPartPolicy.CASE_SENSITIVE;
                    default ->
                        throw new IllegalArgumentException("storage option local-part-policy: '" + policy
                                + "' is not case-insensitive or case-sensitive");
                });
    }

    @Override
    public MailboxStore openMailboxes(StorageSettings settings) {
        return new MemoryMailboxStore(settings.clock());
    }

    @Override
    public QueueStore openQueue(StorageSettings settings) {
        return new MemoryQueueStore();
    }
}
