package org.icewarp.storage.fs;

import java.nio.file.Path;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.StorageSettings;
import org.icewarp.testkit.storage.AccountStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The file-system account store passes the account contract. */
class FsAccountStoreContractTest implements AccountStoreContract {
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
    public AccountStore accountStore() {
        StorageSettings s = stores().fresh();
        return stores().remember(new FsStorageProvider().openAccounts(s), s);
    }

    @Override
    public AccountStore reopen(AccountStore store) {
        store.close();
        StorageSettings s = stores().settingsOf(store);
        return stores().remember(new FsStorageProvider().openAccounts(s), s);
    }
}
