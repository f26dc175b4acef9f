package org.icewarp.storage.fs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.StorageSettings;
import org.icewarp.testkit.storage.CrashTarget;
import org.icewarp.testkit.storage.MailboxStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-system mailbox store passes the mailbox contract, with the alphabetical layout and a small snapshot interval
 * so that journal rotation happens during the tests (and during the SIGKILL rounds).
 */
class FsMailboxStoreContractTest implements MailboxStoreContract {
    private static final String[] OPTIONS = {"layout", "alphabetical", "snapshot-records", "25"};

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
    public MailboxStore mailboxStore() {
        StorageSettings s = stores().fresh(OPTIONS);
        return stores().remember(new FsStorageProvider().openMailboxes(s), s);
    }

    @Override
    public MailboxStore reopen(MailboxStore store) {
        store.close();
        StorageSettings s = stores().settingsOf(store, OPTIONS);
        return stores().remember(new FsStorageProvider().openMailboxes(s), s);
    }

    /** The crash harness opens this store in child JVMs (alphabetical layout, frequent snapshots). */
    @Override
    public Optional<CrashTarget> crashTarget() {
        return Optional.of(target());
    }

    CrashTarget target() {
        return new CrashTarget(
                "fs",
                Map.of(
                        "path", root.resolve("crash").toString(),
                        "layout", "alphabetical",
                        "snapshot-records", "20"));
    }
}
