package org.icewarp.testkit.storage;

import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;

/** The in-memory provider passes the account store contract. */
class MemoryAccountStoreTest implements AccountStoreContract {
    @Override
    public AccountStore accountStore() {
        return new MemoryStorageProvider().openAccounts(StorageSettings.of(Options.EMPTY));
    }
}
