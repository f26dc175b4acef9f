package org.icewarp.protocols.smtp;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;

/** In-memory stores for one test, on a fixed clock. */
final class MemoryStores implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-23T13:05:09Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final AccountStore accounts;
    final MailboxStore mailboxes;
    final QueueStore queue;

    MemoryStores() {
        StorageSettings settings = new StorageSettings(Options.EMPTY, CLOCK, "");
        MemoryStorageProvider provider = new MemoryStorageProvider();
        accounts = provider.openAccounts(settings);
        mailboxes = provider.openMailboxes(settings);
        queue = provider.openQueue(settings);
    }

    /** Puts {@code bytes} bytes of mail into an account's INBOX. */
    void fill(String account, int bytes) {
        mailboxes.append(
                EmailAddress.parse(account),
                FolderName.INBOX,
                new ByteArrayInputStream(new byte[bytes]),
                AppendRequest.at(NOW));
    }

    @Override
    public void close() {
        accounts.close();
        mailboxes.close();
        queue.close();
    }
}
