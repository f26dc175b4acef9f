package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.samples.server.RoundTripMailbox.OWNER;

import java.nio.file.Path;
import java.util.Map;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.migration.MigrationReport;
import org.icewarp.storage.migration.StorageMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailbox of 2,000 messages of mixed sizes and flags goes from the file system through the in-memory provider back
 * to the file system, through the providers found by id, and arrives byte for byte with its UIDs. The round trip
 * through H2 and PostgreSQL with the command line is {@link DatabaseRoundTripTest}.
 */
class StorageRoundTripTest {
    @TempDir
    Path temp;

    private static MigrationReport migrate(AccountStore fa, MailboxStore fm, AccountStore ta, MailboxStore tm) {
        return StorageMigration.builder().from(fa, fm).to(ta, tm).build().run();
    }

    @Test
    void fileSystemToMemoryToFileSystemKeepsEveryByteAndUid() throws Exception {
        StorageProvider fs = RoundTripMailbox.provider("fs");
        StorageProvider memory = RoundTripMailbox.provider("memory");
        StorageSettings first = StorageSettings.of(
                Options.of(Map.of("path", temp.resolve("first").toString())));
        StorageSettings last = StorageSettings.of(
                Options.of(Map.of("path", temp.resolve("last").toString())));
        try (AccountStore a1 = fs.openAccounts(first);
                MailboxStore m1 = fs.openMailboxes(first);
                AccountStore a2 = memory.openAccounts(StorageSettings.of(Options.EMPTY));
                MailboxStore m2 = memory.openMailboxes(StorageSettings.of(Options.EMPTY));
                AccountStore a3 = fs.openAccounts(last);
                MailboxStore m3 = fs.openMailboxes(last)) {
            RoundTripMailbox.populate(a1, m1, 2_000);

            assertThat(migrate(a1, m1, a2, m2).verification().mismatches()).isEmpty();
            MigrationReport back = migrate(a2, m2, a3, m3);

            assertThat(back.verification().mismatches()).isEmpty();
            assertThat(back.messagesCopied())
                    .isEqualTo(m1.usage(OWNER).messages())
                    .isGreaterThan(1_700);
            RoundTripMailbox.assertSameMailbox(m1, m3);
            assertThat(migrate(a1, m1, a3, m3).messagesCopied())
                    .as("fs to fs again: nothing left")
                    .isZero();
        }
    }
}
