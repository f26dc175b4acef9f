package org.icewarp.storage.jdbc;

import java.nio.file.Path;
import java.util.Optional;
import org.icewarp.storage.MailboxStore;
import org.icewarp.testkit.storage.CrashTarget;
import org.icewarp.testkit.storage.MailboxStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox contract, with the SIGKILL crash harness, on one engine; a fresh database per store. */
abstract class JdbcMailboxContractBase implements MailboxStoreContract {
    @TempDir
    Path dir;

    private ContractFixture<MailboxStore> fixture;

    abstract Engine engine();

    @BeforeEach
    void requireEngine() {
        engine().require();
        fixture = new ContractFixture<>(engine(), s -> new JdbcStorageProvider().openMailboxes(s));
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public MailboxStore mailboxStore() {
        return fixture.fresh(dir);
    }

    @Override
    public MailboxStore reopen(MailboxStore store) {
        try {
            return fixture.reopen(store);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The crash harness's children open a fresh database of this engine. */
    @Override
    public Optional<CrashTarget> crashTarget() {
        return Optional.of(new CrashTarget("jdbc", fixture.database(dir).options()));
    }
}
