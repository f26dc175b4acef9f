package org.icewarp.testkit.storage;

import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;

/** The in-memory provider passes the mailbox store contract. */
class MemoryMailboxStoreTest implements MailboxStoreContract {
    @Override
    public MailboxStore mailboxStore() {
        return new MemoryStorageProvider().openMailboxes(StorageSettings.of(Options.EMPTY));
    }

    @Override
    public boolean streamsContent() {
        return false;
    }
}
