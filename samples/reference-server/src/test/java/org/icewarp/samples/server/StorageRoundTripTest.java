package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.Options;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.UidSet;
import org.icewarp.storage.migration.MigrationReport;
import org.icewarp.storage.migration.StorageMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailbox of 2,000 messages of mixed sizes and flags goes from the file system through the in-memory provider back
 * to the file system, through the providers found by id, and arrives byte for byte with its UIDs. (The JDBC backend
 * joins this round trip when the distribution ships it.)
 */
class StorageRoundTripTest {
    private static final EmailAddress OWNER = EmailAddress.parse("owner@example.com");
    private static final FolderName ARCHIVE = FolderName.of("Archive/2025");

    @TempDir
    Path temp;

    private static StorageProvider provider(String id) {
        return ServiceLoader.load(StorageProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static MigrationReport migrate(AccountStore fa, MailboxStore fm, AccountStore ta, MailboxStore tm) {
        return StorageMigration.builder().from(fa, fm).to(ta, tm).build().run();
    }

    @Test
    void fileSystemToMemoryToFileSystemKeepsEveryByteAndUid() throws Exception {
        StorageProvider fs = provider("fs");
        StorageProvider memory = provider("memory");
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
            populate(a1, m1, 2_000);

            assertThat(migrate(a1, m1, a2, m2).verification().mismatches()).isEmpty();
            MigrationReport back = migrate(a2, m2, a3, m3);

            assertThat(back.verification().mismatches()).isEmpty();
            assertThat(back.messagesCopied())
                    .isEqualTo(m1.usage(OWNER).messages())
                    .isGreaterThan(1_700);
            assertThat(m3.folders(OWNER)).isEqualTo(m1.folders(OWNER));
            for (Folder f : m1.folders(OWNER)) {
                assertThat(m3.status(OWNER, f.name())).isEqualTo(m1.status(OWNER, f.name()));
                List<MessageMetadata> messages = m1.messages(OWNER, f.name(), UidSet.ALL);
                assertThat(m3.messages(OWNER, f.name(), UidSet.ALL)).isEqualTo(messages);
                for (MessageMetadata m : messages) {
                    try (InputStream x = m1.open(OWNER, f.name(), m.uid());
                            InputStream y = m3.open(OWNER, f.name(), m.uid())) {
                        assertThat(y.readAllBytes())
                                .as("UID %s of %s", m.uid(), f.name())
                                .isEqualTo(x.readAllBytes());
                    }
                }
            }
            assertThat(migrate(a1, m1, a3, m3).messagesCopied())
                    .as("fs to fs again: nothing left")
                    .isZero();
        }
    }

    private static void populate(AccountStore accounts, MailboxStore mail, int messages) {
        accounts.createDomain(Domain.of("example.com"));
        accounts.createAccount(Account.of(OWNER.toString()));
        mail.createMailbox(OWNER);
        mail.createFolder(OWNER, ARCHIVE, Set.of(SpecialUse.ARCHIVE));
        Random random = new Random(2026);
        for (int i = 0; i < messages; i++) {
            int size = i % 250 == 0 ? 300_000 : 100 + random.nextInt(6_000);
            byte[] body = new byte[size];
            random.nextBytes(body);
            Flags flags = new Flags(
                    random.nextBoolean() ? Set.of(Flag.SEEN) : Set.of(Flag.FLAGGED, Flag.ANSWERED),
                    i % 5 == 0 ? Set.of("$Forwarded") : Set.of());
            mail.append(
                    OWNER,
                    i % 4 == 0 ? ARCHIVE : FolderName.INBOX,
                    new ByteArrayInputStream(body),
                    new AppendRequest(
                            flags, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 61L), 0));
        }
        for (FolderName f : List.of(FolderName.INBOX, ARCHIVE)) {
            long top = mail.status(OWNER, f).uidNext() - 1;
            UidSet gaps = UidSet.ofRanges(List.of(new long[] {10, 40}, new long[] {top - 5, top}));
            mail.updateFlags(OWNER, f, gaps, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
            mail.expunge(OWNER, f, gaps);
        }
    }
}
