package org.icewarp.storage.fs;

import java.nio.file.Path;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageSettings;
import org.icewarp.testkit.storage.QueueStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The file-system queue store passes the queue contract. */
class FsQueueStoreContractTest implements QueueStoreContract {
    @TempDir
    Path root;

    private FsContractStores stores;

    @AfterEach
    void closeStores() throws Exception {
        if (stores != null) {
            stores.closeAll();
        }
    }

    private FsContractStores stores() {
        if (stores == null) {
            stores = new FsContractStores(root);
        }
        return stores;
    }

    @Override
    public QueueStore queueStore() {
        StorageSettings s = stores().fresh();
        return stores().remember(new FsStorageProvider().openQueue(s), s);
    }

    @Override
    public QueueStore reopen(QueueStore store) {
        store.close();
        StorageSettings s = stores().settingsOf(store);
        return stores().remember(new FsStorageProvider().openQueue(s), s);
    }
}
