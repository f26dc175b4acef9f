package org.icewarp.testkit.storage;

import org.icewarp.storage.Options;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;

/** The in-memory provider passes the queue store contract. */
class MemoryQueueStoreTest implements QueueStoreContract {
    @Override
    public QueueStore queueStore() {
        return new MemoryStorageProvider().openQueue(StorageSettings.of(Options.EMPTY));
    }
}
