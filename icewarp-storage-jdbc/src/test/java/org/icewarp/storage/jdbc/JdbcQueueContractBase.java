package org.icewarp.storage.jdbc;

import java.nio.file.Path;
import org.icewarp.storage.QueueStore;
import org.icewarp.testkit.storage.QueueStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The queue contract on one engine; a fresh database per store. */
abstract class JdbcQueueContractBase implements QueueStoreContract {
    @TempDir
    Path dir;

    private ContractFixture<QueueStore> fixture;

    abstract Engine engine();

    @BeforeEach
    void requireEngine() {
        engine().require();
        fixture = new ContractFixture<>(engine(), s -> new JdbcStorageProvider().openQueue(s));
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public QueueStore queueStore() {
        return fixture.fresh(dir);
    }

    @Override
    public QueueStore reopen(QueueStore store) {
        try {
            return fixture.reopen(store);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
