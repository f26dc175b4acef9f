package org.icewarp.storage.jdbc;

import java.nio.file.Path;
import org.icewarp.storage.AccountStore;
import org.icewarp.testkit.storage.AccountStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The account contract on one engine; a fresh database per store. */
abstract class JdbcAccountContractBase implements AccountStoreContract {
    @TempDir
    Path dir;

    private ContractFixture<AccountStore> fixture;

    abstract Engine engine();

    @BeforeEach
    void requireEngine() {
        engine().require();
        fixture = new ContractFixture<>(engine(), s -> new JdbcStorageProvider().openAccounts(s));
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public AccountStore accountStore() {
        return fixture.fresh(dir);
    }

    @Override
    public AccountStore reopen(AccountStore store) {
        try {
            return fixture.reopen(store);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
