package org.icewarp.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icewarp.storage.migration.MailboxAssertions.assertSameMailbox;
import static org.icewarp.storage.migration.SampleSource.ANNA;
import static org.icewarp.storage.migration.SampleSource.ARCHIVE_Q1;
import static org.icewarp.storage.migration.SampleSource.BOB;
import static org.icewarp.storage.migration.SampleSource.JOHN;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.icewarp.storage.Account;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.Group;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.UidSet;
import org.icewarp.storage.migration.MigrationReport.Tally;
import org.icewarp.storage.migration.SampleSource.Target;
import org.junit.jupiter.api.Test;

/** The migration engine between in-memory stores. */
class StorageMigrationTest {
    private static final int MESSAGES = 3_000;

    private final SampleSource source = SampleSource.populated(MESSAGES);
    private final Target target = SampleSource.emptyTarget();

    private StorageMigration.Builder migration() {
        return StorageMigration.builder()
                .from(source.accounts, source.mailboxes)
                .to(target.accounts(), target.mailboxes())
                .pageSize(50);
    }

    private long sourceMessages() {
        long n = 0;
        for (EmailAddress a : List.of(JOHN, ANNA, BOB)) {
            n += source.mailboxes.usage(a).messages();
        }
        return n;
    }

    @Test
    void copiesDirectoryAndMailboxesWithTheirUidsValiditiesAndBytes() {
        MigrationReport report = migration().build().run();

        assertThat(report.verification().mismatches()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.domains()).isEqualTo(new Tally(3, 0, 0));
        assertThat(report.accounts()).isEqualTo(new Tally(28, 0, 0));
        assertThat(report.groups()).isEqualTo(new Tally(3, 0, 0));
        assertThat(report.mailboxes()).isEqualTo(8);
        assertThat(report.messagesCopied()).isEqualTo(sourceMessages()).isGreaterThan(2_000);
        for (EmailAddress a : List.of(JOHN, ANNA, BOB)) {
            assertThat(target.accounts().findAccount(a)).isEqualTo(source.accounts.findAccount(a));
        }
        assertThat(target.accounts().findDomain("ex.org")).isEqualTo(source.accounts.findDomain("example.com"));
        assertThat(target.accounts().lookup(EmailAddress.parse("js@ex.org")).map(x -> x.address()))
                .contains(JOHN);
        assertThat(target.accounts().findGroup(EmailAddress.parse("a-team@example.com")))
                .isEqualTo(source.accounts.findGroup(EmailAddress.parse("a-team@example.com")))
                .map(Group::parent)
                .contains(EmailAddress.parse("staff@example.com"));
        long compared = 0;
        for (EmailAddress a : List.of(JOHN, ANNA, BOB)) {
            compared += assertSameMailbox(source.mailboxes, target.mailboxes(), a);
        }
        assertThat(compared).isEqualTo(report.messagesCopied());
        assertThat(target.mailboxes().status(JOHN, SampleSource.EMPTIED).uidNext())
                .as("a folder whose messages were all expunged keeps its UIDNEXT")
                .isEqualTo(6);
        assertThat(target.mailboxes().status(JOHN, FolderName.INBOX).uidNext())
                .as("expunged UIDs at the end stay unused")
                .isGreaterThan(target.mailboxes().messages(JOHN, FolderName.INBOX, UidSet.ALL).stream()
                                .mapToLong(MessageMetadata::uid)
                                .max()
                                .orElseThrow()
                        + 1);
        assertThat(report.verification().folders())
                .as("11 of john, 2 of anna, 1 of bob, 5 inboxes")
                .isEqualTo(19);
        assertThat(report.verification().messages()).isEqualTo(report.messagesCopied());
        assertThat(target.accounts()
                        .accounts("many.example", PageRequest.first(100))
                        .items())
                .hasSize(25);
    }

    @Test
    void aSecondRunChangesNothing() {
        migration().build().run();
        List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        MigrationReport second;
        try (MailboxStore.Registration reg = target.mailboxes().addListener(events::add)) {
            second = migration().build().run();
        }

        assertThat(second.ok()).isTrue();
        assertThat(second.domains()).isEqualTo(new Tally(0, 0, 3));
        assertThat(second.accounts()).isEqualTo(new Tally(0, 0, 28));
        assertThat(second.groups()).isEqualTo(new Tally(0, 0, 3));
        assertThat(second.messagesCopied()).isZero();
        assertThat(second.flagsUpdated()).isZero();
        assertThat(second.messagesRemoved()).isZero();
        assertThat(events).as("the target's mailboxes did not change").isEmpty();
    }

    @Test
    void aSecondRunBringsLaterSourceChangesAcross() {
        migration().build().run();
        List<MessageMetadata> inbox = source.mailboxes.messages(JOHN, FolderName.INBOX, UidSet.ALL);
        long flagged = inbox.get(0).uid();
        long expunged = inbox.get(1).uid();
        source.mailboxes.updateFlags(
                JOHN,
                FolderName.INBOX,
                UidSet.of(flagged),
                new FlagUpdate(FlagUpdate.Mode.REPLACE, Flags.of(Flag.FLAGGED)));
        source.mailboxes.updateFlags(
                JOHN,
                FolderName.INBOX,
                UidSet.of(expunged),
                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        source.mailboxes.expunge(JOHN, FolderName.INBOX, UidSet.of(expunged));
        long appended = source.mailboxes
                .append(
                        JOHN,
                        FolderName.INBOX,
                        new ByteArrayInputStream("Subject: late\r\n\r\n".getBytes()),
                        AppendRequest.at(Instant.parse("2026-01-01T00:00:00Z")))
                .uid();
        source.mailboxes.createFolder(BOB, FolderName.of("New/Deep"), Set.of());
        Account anna = source.accounts.findAccount(ANNA).orElseThrow();
        source.accounts.updateAccount(anna.withQuota(5_000_000));

        MigrationReport second = migration().build().run();

        assertThat(second.verification().mismatches()).isEmpty();
        assertThat(second.messagesCopied()).isEqualTo(1);
        assertThat(second.flagsUpdated()).isEqualTo(1);
        assertThat(second.messagesRemoved()).isEqualTo(1);
        assertThat(second.accounts()).isEqualTo(new Tally(0, 1, 27));
        assertThat(target.mailboxes().messages(JOHN, FolderName.INBOX, UidSet.of(appended)))
                .hasSize(1);
        assertThat(target.mailboxes().folders(BOB))
                .extracting(f -> f.name().value())
                .contains("New", "New/Deep");
        assertSameMailbox(source.mailboxes, target.mailboxes(), JOHN);
        assertSameMailbox(source.mailboxes, target.mailboxes(), BOB);
    }

    @Test
    void anInterruptedMigrationNamesWhereItStoppedAndARunAgainFinishesIt() {
        int allowed = 1_234;
        FailingAfterImports failing = new FailingAfterImports(target.mailboxes(), allowed);
        List<MigrationProgress> seen = new ArrayList<>();
        StorageMigration interrupted = StorageMigration.builder()
                .from(source.accounts, source.mailboxes)
                .to(target.accounts(), failing)
                .listener(new MigrationListener() {
                    @Override
                    public void onProgress(MigrationProgress progress) {
                        seen.add(progress);
                    }
                })
                .build();

        assertThatThrownBy(interrupted::run).isInstanceOfSatisfying(MigrationException.class, e -> {
            assertThat(e.account()).isPresent();
            assertThat(e.folder()).isPresent();
            assertThat(e.uid()).isPositive();
            assertThat(e.getMessage())
                    .contains(
                            e.account().get().toString(),
                            "'" + e.folder().get() + "'",
                            "UID " + e.uid(),
                            "connection to the target lost");
        });
        assertThat(seen.get(seen.size() - 1).messagesCopied()).isEqualTo(allowed);

        MigrationReport resumed = migration().build().run();

        assertThat(resumed.verification().mismatches()).isEmpty();
        assertThat(resumed.messagesCopied()).isEqualTo(sourceMessages() - allowed);
        for (EmailAddress a : List.of(JOHN, ANNA, BOB)) {
            assertSameMailbox(source.mailboxes, target.mailboxes(), a);
        }
    }

    @Test
    void progressCountsAccountsMessagesAndBytesUpToDone() {
        List<MigrationProgress> seen = new ArrayList<>();
        MigrationReport report = migration()
                .listener(new MigrationListener() {
                    @Override
                    public void onProgress(MigrationProgress progress) {
                        seen.add(progress);
                    }
                })
                .build()
                .run();

        MigrationProgress last = seen.get(seen.size() - 1);
        assertThat(last.phase()).isEqualTo(MigrationProgress.Phase.DONE);
        assertThat(last.accountsTotal()).isEqualTo(28);
        assertThat(last.accountsDone()).as("verified accounts").isEqualTo(28);
        assertThat(last.messagesCopied()).isEqualTo(report.messagesCopied());
        assertThat(last.bytesCopied())
                .isEqualTo(report.bytesCopied())
                .isEqualTo(report.verification().bytes());
        assertThat(seen)
                .extracting(MigrationProgress::phase)
                .containsSubsequence(
                        MigrationProgress.Phase.DIRECTORY,
                        MigrationProgress.Phase.MAILBOXES,
                        MigrationProgress.Phase.VERIFICATION,
                        MigrationProgress.Phase.DONE);
        assertThat(seen.stream()
                        .filter(p -> p.phase() == MigrationProgress.Phase.MAILBOXES)
                        .mapToLong(MigrationProgress::accountsDone)
                        .max()
                        .orElseThrow())
                .isEqualTo(28);
        assertThat(seen).anyMatch(p -> p.current().equals(JOHN + "/" + ARCHIVE_Q1));
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheMigration() {
        MigrationReport report = migration()
                .listener(new MigrationListener() {
                    @Override
                    public void onProgress(MigrationProgress progress) {
                        throw new IllegalStateException("display broke");
                    }
                })
                .build()
                .run();

        assertThat(report.ok()).isTrue();
        assertThat(report.messagesCopied()).isEqualTo(sourceMessages());
    }

    @Test
    void aTargetThatCannotImportIsRefusedAsAWhole() {
        StorageMigration m = StorageMigration.builder()
                .from(source.accounts, source.mailboxes)
                .to(target.accounts(), new ForwardingMailboxStore(target.mailboxes()))
                .build();

        assertThatThrownBy(m::run)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("import");
    }

    @Test
    void theBuilderRequiresBothSidesAndAValidPageSize() {
        assertThatThrownBy(() -> StorageMigration.builder()
                        .to(target.accounts(), target.mailboxes())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from");
        assertThatThrownBy(() -> StorageMigration.builder()
                        .from(source.accounts, source.mailboxes)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("to");
        assertThatThrownBy(() -> StorageMigration.builder()
                        .from(source.accounts, source.mailboxes)
                        .to(source.accounts, source.mailboxes)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("different");
        assertThatThrownBy(() -> StorageMigration.builder().pageSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize");
    }

    @Test
    void aSparseFolderWithAFarUidNextIsCopiedWithoutWalkingEveryUid() {
        FolderName sparse = FolderName.of("Sparse");
        source.mailboxes.createFolder(BOB, sparse, Set.of());
        source.mailboxes.append(BOB, sparse, new ByteArrayInputStream("a".getBytes()), AppendRequest.at(Instant.EPOCH));
        source.mailboxes.importMessage(
                BOB, sparse, 3_000_000, new ByteArrayInputStream("b".getBytes()), AppendRequest.at(Instant.EPOCH));
        source.mailboxes.reserveUids(BOB, sparse, UidSet.MAX);
        CountingMessages counting = new CountingMessages(source.mailboxes);

        MigrationReport report = StorageMigration.builder()
                .from(source.accounts, counting)
                .to(target.accounts(), target.mailboxes())
                .build()
                .run();

        assertThat(report.verification().mismatches()).isEmpty();
        assertThat(target.mailboxes().status(BOB, sparse).uidNext()).isEqualTo(UidSet.MAX);
        assertThat(target.mailboxes().messages(BOB, sparse, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(1L, 3_000_000L);
        assertThat(counting.listings)
                .as("metadata reads for the copy and the verification (3,000,000 UIDs in windows of up to 65,536)")
                .isLessThan(500);
    }

    /** Counts metadata listings. */
    private static final class CountingMessages extends ForwardingMailboxStore {
        int listings;

        CountingMessages(MailboxStore delegate) {
            super(delegate);
        }

        @Override
        public List<MessageMetadata> messages(EmailAddress account, FolderName folder, UidSet uids) {
            listings++;
            return delegate.messages(account, folder, uids);
        }
    }
}
