package org.icewarp.protocols.smtp;

import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;

/**
 * Test provider {@code failing}: in-memory stores whose mailbox store fails the {@code fail-append}-th append (option,
 * 1-based). Registered in the test resources' {@code META-INF/services}.
 */
public final class FailingStorageProvider implements StorageProvider {
    private final MemoryStorageProvider memory = new MemoryStorageProvider();

    /** For {@link java.util.ServiceLoader}. */
    public FailingStorageProvider() {}

    @Override
    public String id() {
        return "failing";
    }

    @Override
    public AccountStore openAccounts(StorageSettings settings) {
        return memory.openAccounts(settings);
    }

    @Override
    public MailboxStore openMailboxes(StorageSettings settings) {
        return new FailingMailboxStore(
                memory.openMailboxes(settings), (int) settings.options().integer("fail-append", 0), false);
    }

    @Override
    public QueueStore openQueue(StorageSettings settings) {
        return memory.openQueue(settings);
    }
}
