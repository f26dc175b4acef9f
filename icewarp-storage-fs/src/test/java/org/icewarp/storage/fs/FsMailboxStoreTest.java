package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.icewarp.storage.AccountUsage;
import org.icewarp.storage.AlreadyExistsException;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.QuotaExceededException;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsMailboxStoreTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
    private static final FolderName SENT = FolderName.of("Sent");

    @TempDir
    Path root;

    private MailboxStore store;

    @BeforeEach
    void open() {
        store = open("layout", "alphabetical");
        store.createMailbox(JOHN);
    }

    private MailboxStore open(String... options) {
        return new FsStorageProvider().openMailboxes(Fixtures.settings(root, "07", options));
    }

    private MailboxStore reopen() {
        store.close();
        store = open("layout", "alphabetical");
        return store;
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** How many messages of INBOX have their bytes only in the journal, as the index says after a fresh load. */
    private int journalBytesKept() throws IOException {
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        FolderState.Config c = new FolderState.Config(10_000, 1 << 26, 0, 2_000_000, null, null);
        FolderState s = FolderState.open(inbox, new Totals(), c);
        try {
            return s.read(idx -> idx.packed().size());
        } finally {
            s.close();
        }
    }

    private AppendResult append(FolderName folder, String content) {
        return store.append(JOHN, folder, Fixtures.text(content), AppendRequest.at(Fixtures.T0));
    }

    @Test
    void importedFoldersUidsAndReservationsSurviveReopenAndNewFoldersNeverGetAnImportedUidValidity() {
        long imported = Fixtures.T0.getEpochSecond() + 1_000;
        store.importFolder(JOHN, FolderName.INBOX, 42, Set.of());
        store.importFolder(JOHN, FolderName.of("Archive/2025"), imported, Set.of(SpecialUse.ARCHIVE));
        store.importMessage(JOHN, FolderName.INBOX, 7, Fixtures.text("seven"), AppendRequest.at(Fixtures.T0));
        store.reserveUids(JOHN, FolderName.INBOX, 20);
        store.reserveUids(JOHN, FolderName.INBOX, 10); // never lowers

        reopen();
        assertThat(store.folder(JOHN, FolderName.INBOX).uidValidity()).isEqualTo(42);
        assertThat(store.folder(JOHN, FolderName.of("Archive/2025")).uidValidity())
                .isEqualTo(imported);
        assertThat(store.folder(JOHN, FolderName.of("Archive")).uidValidity()).isNotEqualTo(imported);
        assertThat(store.status(JOHN, FolderName.INBOX).uidNext()).isEqualTo(20);
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 7))).isEqualTo("seven");
        assertThatThrownBy(() -> store.importMessage(
                        JOHN, FolderName.INBOX, 19, Fixtures.text("late"), AppendRequest.at(Fixtures.T0)))
                .isInstanceOf(ConflictException.class);
        assertThat(append(FolderName.INBOX, "next").uid()).isEqualTo(20);
        assertThat(store.createFolder(JOHN, FolderName.of("New"), Set.of()).uidValidity())
                .isGreaterThan(imported);
        // a folder that has held messages keeps its UIDVALIDITY
        assertThatThrownBy(() -> store.importFolder(JOHN, FolderName.INBOX, 43, Set.of()))
                .isInstanceOf(ConflictException.class);
        assertThat(store.importFolder(JOHN, FolderName.INBOX, 42, Set.of()).uidValidity())
                .isEqualTo(42);
    }

    @Test
    void smallMessageIsReadFromTheJournalUntilItsFileIsDurableAndItsFileIsWrittenAgainAfterACrash() throws IOException {
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        append(FolderName.INBOX, "Subject: a\r\n\r\nhello");
        await().untilAsserted(() -> assertThat(inbox.resolve("07_1.eml")).exists());
        // the file is not durable yet (no checkpoint within 30 s): as a power loss could, take it away
        Files.delete(inbox.resolve("07_1.eml"));
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 1))).isEqualTo("Subject: a\r\n\r\nhello");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 1, 14, 3))).isEqualTo("hel");
        assertThat(store.recount(JOHN))
                .as("not missing: its bytes are in the journal")
                .isEqualTo(new AccountUsage(1, 19));
        assertThat(journalBytesKept()).isEqualTo(1);
        reopen();
        store.status(JOHN, FolderName.INBOX); // loading the folder writes the files the journal still holds
        await().untilAsserted(() -> assertThat(inbox.resolve("07_1.eml")).hasContent("Subject: a\r\n\r\nhello"));
    }

    @Test
    void largeMessageTakesTheFilePathAndNeverSitsInTheJournal() throws IOException {
        store.close();
        store = open("layout", "alphabetical", "inline-max", "100");
        String big = "x".repeat(101);
        append(FolderName.INBOX, big);
        append(FolderName.INBOX, "small");
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        assertThat(inbox.resolve("07_1.eml"))
                .as("durable before append returned")
                .hasContent(big);
        assertThat(journalBytesKept()).isEqualTo(1);
        assertThat(Files.size(inbox.resolve(".index/journal-1"))).isLessThan(300);
    }

    @Test
    void copyAndMoveOfMessagesStillInTheJournalCarryTheirBytes() {
        store.createFolder(JOHN, SENT, Set.of());
        append(FolderName.INBOX, "one");
        append(FolderName.INBOX, "two");
        store.copy(JOHN, FolderName.INBOX, UidSet.of(1), SENT, 0);
        store.move(JOHN, FolderName.INBOX, UidSet.of(2), SENT);
        reopen();
        assertThat(Fixtures.read(store.open(JOHN, SENT, 1))).isEqualTo("one");
        assertThat(Fixtures.read(store.open(JOHN, SENT, 2))).isEqualTo("two");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 1))).isEqualTo("one");
        assertThat(store.status(JOHN, FolderName.INBOX).messages()).isEqualTo(1);
    }

    @Test
    void checkpointMakesFilesDurableAndLetsTheJournalForgetTheirBytes() throws IOException {
        store.close();
        store = open("layout", "alphabetical", "checkpoint-delay", "0", "snapshot-records", "10");
        for (int i = 0; i < 25; i++) {
            append(FolderName.INBOX, "m" + i);
        }
        Path index = root.resolve("example.com/jo/hn/john/+inbox/.index");
        await().untilAsserted(() -> {
            assertThat(journalBytesKept()).isZero();
            try (Stream<Path> s = Files.list(index)) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("journal-")))
                        .hasSize(1);
            }
        });
        reopen();
        for (int i = 0; i < 25; i++) {
            assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, i + 1))).isEqualTo("m" + i);
        }
    }

    @Test
    void rejectsBadInlineOptions() {
        assertThatThrownBy(() -> open("inline-max", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inline-max");
        assertThatThrownBy(() -> open("journal-max-bytes", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("journal-max-bytes");
        assertThatThrownBy(() -> open("checkpoint-delay", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint-delay");
    }

    @Test
    void anInterruptedAppenderDoesNotBreakTheFolderForOtherThreads() throws Exception {
        append(FolderName.INBOX, "before");
        List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt(); // closes any interruptible channel the append touches
            try {
                append(FolderName.INBOX, "interrupted");
            } catch (RuntimeException e) {
                seen.add(e);
            }
        });
        t.start();
        t.join();
        assertThat(seen).as("the interrupted append failed").hasSize(1);
        AppendResult after = append(FolderName.INBOX, "after");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, after.uid())))
                .isEqualTo("after");
        reopen();
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(1L, after.uid());
    }

    @Test
    void aJournalChannelClosedByAnInterruptIsReopenedForTheNextChange() throws IOException {
        append(FolderName.INBOX, "one");
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        FolderState s = FolderState.open(
                inbox, new Totals(), new FolderState.Config(10_000, 1 << 26, 0, 2_000_000, null, null));
        try {
            assertThatThrownBy(() -> s.write((idx, b) -> {
                        Thread.currentThread().interrupt(); // after the locks: the journal write sees it
                        b.add(new IndexRecord.Subscribed(true));
                        return null;
                    }))
                    .isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
            assertThat(Thread.interrupted()).isTrue();
            FolderState.Written<Void> w = s.write((idx, b) -> {
                b.add(new IndexRecord.Subscribed(true));
                return null;
            });
            s.awaitDurable(w.seq());
            assertThat(s.read(FolderIndex::subscribed)).isTrue();
        } finally {
            s.close();
        }
    }

    private static FolderState.Written<Void> subscribe(FolderState s) throws IOException {
        return s.write((idx, b) -> {
            b.add(new IndexRecord.Subscribed(true));
            return null;
        });
    }

    @Test
    void aCommitLeaderWaitsForAsManyWritesAsItsLastRoundCoveredAndALoneWriterNeverWaits() throws Exception {
        append(FolderName.INBOX, "one");
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        // a commit delay far longer than the test: only the arrival of the writes can end the leader's wait
        FolderState s = FolderState.open(
                inbox,
                new Totals(),
                new FolderState.Config(10_000, 1 << 26, 0, TimeUnit.SECONDS.toNanos(600), null, null));
        ExecutorService leader = Executors.newSingleThreadExecutor();
        try {
            assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> {
                        s.awaitDurable(subscribe(s).seq());
                        s.awaitDurable(subscribe(s).seq());
                    },
                    "a lone writer's rounds cover one write: it fsyncs at once");

            subscribe(s);
            subscribe(s);
            s.awaitDurable(subscribe(s).seq()); // a round of three writers
            long first = subscribe(s).seq();
            Future<?> round = leader.submit(() -> {
                s.awaitDurable(first);
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).until(s::leaderWaiting);
            assertThat(s.syncedSeq()).as("the leader waits before its fsync").isLessThan(first);
            subscribe(s);
            long third = subscribe(s).seq();
            round.get(30, TimeUnit.SECONDS);
            assertThat(s.syncedSeq())
                    .as("the two writes that came while it waited share its fsync")
                    .isGreaterThanOrEqualTo(third);
        } finally {
            leader.shutdownNow();
            s.close();
        }
    }

    @Test
    void readersSeeOnlyDurableRecords() throws IOException {
        append(FolderName.INBOX, "one");
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        FolderState s = FolderState.open(
                inbox, new Totals(), new FolderState.Config(10_000, 1 << 26, 0, 2_000_000, null, null));
        try {
            FolderState.Written<Void> w = s.write((idx, b) -> {
                b.add(new IndexRecord.Subscribed(true));
                return null;
            });
            assertThat(s.syncedSeq()).as("written, not yet forced").isLessThan(w.seq());
            assertThat(s.read(FolderIndex::subscribed)).isTrue();
            assertThat(s.syncedSeq()).as("the read waited for the fsync").isGreaterThanOrEqualTo(w.seq());
        } finally {
            s.close();
        }
    }

    @Test
    void aFolderDeletedOrRenamedByAnotherServerIsNoticedInsteadOfWrittenIntoTheVoid() {
        store.createFolder(JOHN, SENT, Set.of());
        MailboxStore other = open("layout", "alphabetical"); // another server sharing the mail path
        try {
            other.append(JOHN, SENT, Fixtures.text("b1"), AppendRequest.at(Fixtures.T0));
            store.deleteFolder(JOHN, SENT);
            assertThatThrownBy(() -> other.append(JOHN, SENT, Fixtures.text("lost?"), AppendRequest.at(Fixtures.T0)))
                    .isInstanceOf(NotFoundException.class);
            store.createFolder(JOHN, SENT, Set.of());
            AppendResult r = other.append(JOHN, SENT, Fixtures.text("b2"), AppendRequest.at(Fixtures.T0));
            assertThat(Fixtures.read(store.open(JOHN, SENT, r.uid()))).isEqualTo("b2");

            FolderName archive = FolderName.of("Archive");
            store.renameFolder(JOHN, SENT, archive);
            assertThatThrownBy(() -> other.append(JOHN, SENT, Fixtures.text("lost?"), AppendRequest.at(Fixtures.T0)))
                    .isInstanceOf(NotFoundException.class);
            AppendResult moved = other.append(JOHN, archive, Fixtures.text("b3"), AppendRequest.at(Fixtures.T0));
            assertThat(store.messages(JOHN, archive, UidSet.ALL))
                    .extracting(MessageMetadata::uid)
                    .containsExactly(r.uid(), moved.uid());
            assertThat(other.usage(JOHN)).isEqualTo(store.usage(JOHN));
        } finally {
            other.close();
        }
    }

    @Test
    void appendedMessageIsReadBackWithItsMetadataAndCounted() {
        AppendResult r = store.append(
                JOHN,
                FolderName.INBOX,
                Fixtures.text("Subject: hi\r\n\r\nbody"),
                new AppendRequest(Flags.of(Flag.FLAGGED), Fixtures.T0, 0));
        assertThat(r.uid()).isEqualTo(1);
        assertThat(r.uidNext()).isEqualTo(2);
        assertThat(r.size()).isEqualTo(19);
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 1))).isEqualTo("Subject: hi\r\n\r\nbody");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 1, 9, 2))).isEqualTo("hi");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 1, 15, 100)))
                .isEqualTo("body");
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .containsExactly(new MessageMetadata(1, 19, Fixtures.T0, Flags.of(Flag.FLAGGED)));
        FolderStatus st = store.status(JOHN, FolderName.INBOX);
        assertThat(st.messages()).isEqualTo(1);
        assertThat(st.unseen()).isEqualTo(1);
        assertThat(st.recent()).isEqualTo(1);
        assertThat(st.size()).isEqualTo(19);
        assertThat(st.uidValidity()).isEqualTo(r.uidValidity());
        assertThat(store.usage(JOHN)).isEqualTo(new AccountUsage(1, 19));
    }

    @Test
    void mailboxFollowsTheAlphabeticalLayoutAndMessageFilesCarryTheServerId() {
        append(FolderName.INBOX, "x");
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        // a small message is durable in the journal at once and gets its own file from it soon after
        await().untilAsserted(() -> assertThat(inbox.resolve("07_1.eml")).hasContent("x"));
        assertThat(inbox.resolve(".index/journal-1")).exists();
    }

    @Test
    void localPartsAreCaseInsensitiveByDefault() {
        append(FolderName.INBOX, "x");
        assertThat(store.status(EmailAddress.parse("JOHN@Example.COM"), FolderName.INBOX)
                        .messages())
                .isEqualTo(1);
    }

    @Test
    void uidsAreNeverReusedAcrossRestarts() {
        append(FolderName.INBOX, "1");
        append(FolderName.INBOX, "2");
        store.updateFlags(
                JOHN, FolderName.INBOX, UidSet.of(2), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        assertThat(store.expunge(JOHN, FolderName.INBOX, UidSet.ALL)).containsExactly(2L);
        long validity = store.status(JOHN, FolderName.INBOX).uidValidity();
        reopen();
        assertThat(store.status(JOHN, FolderName.INBOX).uidNext()).isEqualTo(3);
        assertThat(append(FolderName.INBOX, "3").uid()).isEqualTo(3);
        assertThat(store.status(JOHN, FolderName.INBOX).uidValidity()).isEqualTo(validity);
    }

    @Test
    void unknownMailboxFolderOrMessageIsNotFound() {
        EmailAddress nobody = EmailAddress.parse("nobody@example.com");
        assertThatThrownBy(() -> store.folders(nobody)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> append(SENT, "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.open(JOHN, FolderName.INBOX, 5)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void foldersAreCreatedWithParentsListedInOrderAndKeepAttributes() {
        store.createFolder(JOHN, FolderName.of("A/B/C"), Set.of());
        store.createFolder(JOHN, SENT, Set.of(SpecialUse.SENT));
        store.setSubscribed(JOHN, SENT, true);
        assertThat(store.folders(JOHN).stream().map(f -> f.name().value()))
                .containsExactly("A", "A/B", "A/B/C", "INBOX", "Sent");
        Folder sent = store.folder(JOHN, SENT);
        assertThat(sent.subscribed()).isTrue();
        assertThat(sent.specialUse()).containsExactly(SpecialUse.SENT);
        assertThatThrownBy(() -> store.createFolder(JOHN, SENT, Set.of())).isInstanceOf(AlreadyExistsException.class);
        reopen();
        assertThat(store.folder(JOHN, SENT).subscribed()).isTrue();
        assertThat(store.folder(JOHN, SENT).specialUse()).containsExactly(SpecialUse.SENT);
    }

    @Test
    void namesThatDifferOnlyInCaseAreDistinctFolders() {
        store.createFolder(JOHN, FolderName.of("Work"), Set.of());
        store.createFolder(JOHN, FolderName.of("work"), Set.of());
        append(FolderName.of("Work"), "upper");
        append(FolderName.of("work"), "lower");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.of("Work"), 1))).isEqualTo("upper");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.of("work"), 1))).isEqualTo("lower");
    }

    @Test
    void unusualAndLongNamesAreStoredAndListedBack() {
        List<String> names = List.of("日本語", "a*b?c", "<x|y>", "100%", "~home", "Ünï/ödé", "長".repeat(150));
        for (String n : names) {
            store.createFolder(JOHN, FolderName.of(n), Set.of());
        }
        reopen();
        assertThat(store.folders(JOHN).stream().map(f -> f.name().value())).contains(names.toArray(String[]::new));
    }

    @Test
    void renameKeepsUidsUidValidityAndChildren() {
        store.createFolder(JOHN, FolderName.of("Old/Child"), Set.of());
        append(FolderName.of("Old"), "a");
        append(FolderName.of("Old/Child"), "b");
        long validity = store.folder(JOHN, FolderName.of("Old")).uidValidity();
        store.renameFolder(JOHN, FolderName.of("Old"), FolderName.of("New/Name"));
        assertThat(store.folders(JOHN).stream().map(f -> f.name().value()))
                .containsExactly("INBOX", "New", "New/Name", "New/Name/Child");
        assertThat(store.folder(JOHN, FolderName.of("New/Name")).uidValidity()).isEqualTo(validity);
        assertThat(Fixtures.read(store.open(JOHN, FolderName.of("New/Name"), 1)))
                .isEqualTo("a");
        assertThat(Fixtures.read(store.open(JOHN, FolderName.of("New/Name/Child"), 1)))
                .isEqualTo("b");
        assertThat(store.usage(JOHN)).isEqualTo(new AccountUsage(2, 2));
        assertThatThrownBy(() -> store.renameFolder(JOHN, FolderName.of("New"), FolderName.of("New/Name/X")))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> store.renameFolder(JOHN, FolderName.of("Nope"), FolderName.of("X")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.renameFolder(JOHN, FolderName.of("New"), FolderName.INBOX))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        append(FolderName.INBOX, "a");
        store.renameFolder(JOHN, FolderName.INBOX, FolderName.of("Archive"));
        assertThat(store.status(JOHN, FolderName.INBOX).messages()).isZero();
        assertThat(store.status(JOHN, FolderName.of("Archive")).messages()).isEqualTo(1);
    }

    @Test
    void deleteRefusesInboxAndParentsAndRemovesMessages() {
        store.createFolder(JOHN, FolderName.of("P/C"), Set.of());
        append(FolderName.of("P/C"), "abc");
        assertThatThrownBy(() -> store.deleteFolder(JOHN, FolderName.INBOX)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.deleteFolder(JOHN, FolderName.of("P"))).isInstanceOf(ConflictException.class);
        store.deleteFolder(JOHN, FolderName.of("P/C"));
        assertThat(store.usage(JOHN)).isEqualTo(new AccountUsage(0, 0));
        store.deleteFolder(JOHN, FolderName.of("P"));
        assertThat(store.folders(JOHN)).extracting(Folder::name).containsExactly(FolderName.INBOX);
        store.createFolder(JOHN, FolderName.of("P"), Set.of());
        assertThat(store.status(JOHN, FolderName.of("P")).messages()).isZero();
    }

    @Test
    void flagsCountUnseenAndExpungeTakesOnlyDeleted() {
        for (int i = 0; i < 4; i++) {
            append(FolderName.INBOX, "m" + i);
        }
        List<MessageMetadata> changed = store.updateFlags(
                JOHN, FolderName.INBOX, UidSet.range(1, 2), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.SEEN)));
        assertThat(changed).extracting(MessageMetadata::uid).containsExactly(1L, 2L);
        assertThat(store.status(JOHN, FolderName.INBOX).unseen()).isEqualTo(2);
        store.updateFlags(
                JOHN,
                FolderName.INBOX,
                UidSet.of(2, 3),
                new FlagUpdate(FlagUpdate.Mode.ADD, new Flags(Set.of(Flag.DELETED), Set.of("$Junk"))));
        assertThat(store.expunge(JOHN, FolderName.INBOX, UidSet.of(3, 4))).containsExactly(3L);
        assertThat(store.expunge(JOHN, FolderName.INBOX, UidSet.ALL)).containsExactly(2L);
        reopen();
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(1L, 4L);
        assertThat(store.status(JOHN, FolderName.INBOX).unseen()).isEqualTo(1);
        assertThat(Fixtures.files(root.resolve("example.com/jo/hn/john/+inbox")))
                .filteredOn(f -> f.endsWith(".eml"))
                .containsExactlyInAnyOrder("07_1.eml", "07_4.eml");
    }

    @Test
    void copyAndMoveMapUidsInSourceOrder() {
        store.createFolder(JOHN, SENT, Set.of());
        append(SENT, "zero");
        for (int i = 0; i < 3; i++) {
            append(FolderName.INBOX, "m" + i);
        }
        UidMapping copy = store.copy(JOHN, FolderName.INBOX, UidSet.of(1, 3, 99), SENT, 0);
        assertThat(copy.uids()).containsExactly(entry(1L, 2L), entry(3L, 3L));
        assertThat(copy.destinationUidValidity())
                .isEqualTo(store.folder(JOHN, SENT).uidValidity());
        UidMapping move = store.move(JOHN, FolderName.INBOX, UidSet.range(2, 3), SENT);
        assertThat(move.uids()).containsExactly(entry(2L, 4L), entry(3L, 5L));
        assertThat(store.status(JOHN, FolderName.INBOX).messages()).isEqualTo(1);
        assertThat(Fixtures.read(store.open(JOHN, SENT, 5))).isEqualTo("m2");
        assertThat(Fixtures.read(store.open(JOHN, SENT, 3))).isEqualTo("m2");
        assertThat(store.usage(JOHN)).isEqualTo(new AccountUsage(6, 14));
    }

    private static java.util.Map.Entry<Long, Long> entry(long a, long b) {
        return java.util.Map.entry(a, b);
    }

    @Test
    void quotaIsCheckedOnAppendAndCopyAndNothingIsStoredWhenExceeded() {
        store.append(JOHN, FolderName.INBOX, Fixtures.text("12345"), new AppendRequest(Flags.NONE, Fixtures.T0, 8));
        assertThatThrownBy(() -> store.append(
                        JOHN, FolderName.INBOX, Fixtures.text("12345"), new AppendRequest(Flags.NONE, Fixtures.T0, 8)))
                .isInstanceOf(QuotaExceededException.class);
        assertThatThrownBy(() -> store.copy(JOHN, FolderName.INBOX, UidSet.ALL, FolderName.INBOX, 8))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(store.usage(JOHN)).isEqualTo(new AccountUsage(1, 5));
        assertThat(Fixtures.files(root.resolve("_writing"))).allMatch(f -> f.endsWith(".lock"));
    }

    @Test
    void claimRecentReturnsTheFirstRecentUidOnce() {
        append(FolderName.INBOX, "a");
        append(FolderName.INBOX, "b");
        assertThat(store.claimRecent(JOHN, FolderName.INBOX)).isEqualTo(1);
        assertThat(store.status(JOHN, FolderName.INBOX).recent()).isZero();
        append(FolderName.INBOX, "c");
        assertThat(store.status(JOHN, FolderName.INBOX).recent()).isEqualTo(1);
        assertThat(store.claimRecent(JOHN, FolderName.INBOX)).isEqualTo(3);
        reopen();
        assertThat(store.status(JOHN, FolderName.INBOX).recent()).isZero();
    }

    @Test
    void listenersHearCommittedChangesAndAFailingListenerIsHarmless() {
        List<MailboxEvent> events = Collections.synchronizedList(new ArrayList<>());
        store.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        MailboxStore.Registration reg = store.addListener(events::add);
        AppendResult r = append(FolderName.INBOX, "a");
        store.updateFlags(
                JOHN, FolderName.INBOX, UidSet.ALL, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        store.expunge(JOHN, FolderName.INBOX, UidSet.ALL);
        store.createFolder(JOHN, SENT, Set.of());
        reg.close();
        append(FolderName.INBOX, "b");
        assertThat(events)
                .containsExactly(
                        new MailboxEvent.MessageAdded(JOHN, FolderName.INBOX, r.uidValidity(), 1),
                        new MailboxEvent.FlagsChanged(
                                JOHN,
                                FolderName.INBOX,
                                List.of(new MessageMetadata(1, 1, Fixtures.T0, Flags.of(Flag.DELETED)))),
                        new MailboxEvent.MessagesExpunged(JOHN, FolderName.INBOX, List.of(1L)),
                        new MailboxEvent.FolderChanged(JOHN, SENT, MailboxEvent.FolderChanged.Kind.CREATED, null));
    }

    @Test
    void concurrentAppendersGetDistinctAscendingUids() throws Exception {
        int threads = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    List<Long> uids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        uids.add(append(FolderName.INBOX, id + ":" + i).uid());
                    }
                    return uids;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                List<Long> mine = f.get();
                assertThat(mine).isSorted();
                all.addAll(mine);
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * each);
        } finally {
            pool.shutdown();
        }
        reopen();
        assertThat(store.status(JOHN, FolderName.INBOX).messages()).isEqualTo(threads * each);
    }

    @Test
    void recountAdoptsHandCopiedFilesAndForgetsRemovedOnes() throws IOException {
        append(FolderName.INBOX, "a");
        append(FolderName.INBOX, "bb");
        Path inbox = root.resolve("example.com/jo/hn/john/+inbox");
        Files.writeString(inbox.resolve("copied-by-hand.eml"), "hand");
        store.close();
        store = open("layout", "alphabetical", "checkpoint-delay", "0"); // files durable, journal forgets the bytes
        store.status(JOHN, FolderName.INBOX); // loads the folder, which writes and checkpoints the files
        await().untilAsserted(() -> assertThat(journalBytesKept()).isZero());
        Files.delete(inbox.resolve("07_1.eml"));
        Files.writeString(inbox.resolve("07_9.eml"), "crashed append, never acknowledged");
        AccountUsage u = store.recount(JOHN);
        assertThat(u).isEqualTo(new AccountUsage(2, 6));
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(2L, 3L);
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 3))).isEqualTo("hand");
        assertThat(inbox.resolve("07_9.eml")).doesNotExist();
        assertThat(inbox.resolve("copied-by-hand.eml")).doesNotExist();
    }

    @Test
    void tornLastJournalRecordIsIgnoredAndOverwritten() throws IOException {
        append(FolderName.INBOX, "a");
        append(FolderName.INBOX, "b");
        store.close();
        Path journal = root.resolve("example.com/jo/hn/john/+inbox/.index/journal-1");
        // a record header promising 100 bytes, followed by only 3: what a crash mid-write leaves
        Files.write(journal, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 9, 9, 9}, StandardOpenOption.APPEND);
        store = open("layout", "alphabetical");
        assertThat(store.status(JOHN, FolderName.INBOX).messages()).isEqualTo(2);
        assertThat(append(FolderName.INBOX, "c").uid()).isEqualTo(3);
        reopen();
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void corruptedRecordWithBadChecksumIsIgnored() throws IOException {
        append(FolderName.INBOX, "a");
        append(FolderName.INBOX, "b");
        store.close();
        Path journal = root.resolve("example.com/jo/hn/john/+inbox/.index/journal-1");
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 2] ^= 0x55; // inside the last record's payload
        Files.write(journal, bytes);
        store = open("layout", "alphabetical");
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(1L);
    }

    @Test
    void damageBeforeValidRecordsRefusesToOpenInsteadOfCuttingThem() throws IOException {
        append(FolderName.INBOX, "a");
        long afterFirst = Files.size(root.resolve("example.com/jo/hn/john/+inbox/.index/journal-1"));
        append(FolderName.INBOX, "b");
        append(FolderName.INBOX, "c");
        store.close();
        Path journal = root.resolve("example.com/jo/hn/john/+inbox/.index/journal-1");
        byte[] bytes = Files.readAllBytes(journal);
        bytes[(int) afterFirst + 10] ^= 0x55; // inside the second record; the third is intact after it
        Files.write(journal, bytes);
        store = open("layout", "alphabetical");
        assertThatThrownBy(() -> store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .isInstanceOf(org.icewarp.storage.StorageUnavailableException.class);
        assertThatThrownBy(() -> append(FolderName.INBOX, "d"))
                .isInstanceOf(org.icewarp.storage.StorageUnavailableException.class);
        assertThat(Files.readAllBytes(journal)).as("nothing was cut").isEqualTo(bytes);
    }

    @Test
    void journalIsSnapshottedAndRotatedWithoutLosingState() throws IOException {
        store.close();
        store = open("layout", "alphabetical", "snapshot-records", "10", "checkpoint-delay", "0");
        for (int i = 0; i < 35; i++) {
            append(FolderName.INBOX, "m" + i);
        }
        store.updateFlags(
                JOHN,
                FolderName.INBOX,
                UidSet.range(1, 5),
                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.SEEN, Flag.DELETED)));
        store.expunge(JOHN, FolderName.INBOX, UidSet.ALL);
        // once every message has its durable file, the sealed generations that held their bytes go
        await().untilAsserted(() -> assertThat(journalBytesKept()).isZero());
        store.close();
        store = open("layout", "alphabetical", "snapshot-records", "10");
        FolderStatus st = store.status(JOHN, FolderName.INBOX);
        assertThat(st.messages()).isEqualTo(30);
        assertThat(st.uidNext()).isEqualTo(36);
        assertThat(st.unseen()).isEqualTo(30);
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 35))).isEqualTo("m34");
        try (Stream<Path> s = Files.list(root.resolve("example.com/jo/hn/john/+inbox/.index"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("journal-")))
                    .hasSize(1);
        }
        assertThat(root.resolve("example.com/jo/hn/john/+inbox/.index/snapshot"))
                .exists();
    }

    @Test
    void writeAreaOfADeadProcessIsRemovedAtOpen() throws IOException {
        Path dead = root.resolve("_writing/0-dead");
        Files.createDirectories(dead);
        Files.writeString(dead.resolve("append-1.tmp"), "half a message");
        Files.writeString(root.resolve("_writing/0-dead.lock"), "");
        MailboxStore other = open("layout", "alphabetical");
        other.close();
        assertThat(dead).doesNotExist();
        assertThat(root.resolve("_writing/0-dead.lock")).doesNotExist();
    }

    @Test
    void deletingAShortMailboxKeepsTheLongerMailboxNestedInIt() {
        EmailAddress jo = EmailAddress.parse("jo@example.com");
        EmailAddress jojo = EmailAddress.parse("jojo@example.com");
        store.createMailbox(jo);
        store.createMailbox(jojo);
        store.append(jojo, FolderName.INBOX, Fixtures.text("keep"), AppendRequest.at(Fixtures.T0));
        assertThat(root.resolve("example.com/jo/jo/jojo/+inbox")).isDirectory();
        store.deleteMailbox(jo);
        assertThatThrownBy(() -> store.folders(jo)).isInstanceOf(NotFoundException.class);
        assertThat(Fixtures.read(store.open(jojo, FolderName.INBOX, 1))).isEqualTo("keep");
    }

    @Test
    void createMailboxIsIdempotentAndDeleteMailboxRemovesEverything() {
        append(FolderName.INBOX, "a");
        store.createMailbox(JOHN);
        assertThat(store.status(JOHN, FolderName.INBOX).messages()).isEqualTo(1);
        store.deleteMailbox(JOHN);
        assertThatThrownBy(() -> store.usage(JOHN)).isInstanceOf(NotFoundException.class);
        store.createMailbox(JOHN);
        assertThat(store.usage(JOHN)).isEqualTo(new AccountUsage(0, 0));
        assertThat(new String(Fixtures.message("t", 1), StandardCharsets.UTF_8)).startsWith("Subject");
    }

    @Test
    void aSuccessorJournalLeftByACrashBeforeTheSealIsHarmless() throws Exception {
        store.close();
        store = open("layout", "alphabetical", "snapshot-records", "10");
        for (int i = 1; i <= 5; i++) {
            append(FolderName.INBOX, "m" + i);
        }
        store.close();
        // rotation writes the next generation before the seal: a crash between the two leaves this behind
        Path index;
        try (var walk = Files.walk(root)) {
            index = walk.filter(p -> p.endsWith(".index")
                            && p.getParent().getFileName().toString().equals("+inbox"))
                    .findFirst()
                    .orElseThrow();
        }
        Path current;
        try (var list = Files.list(index)) {
            current = list.filter(p -> p.getFileName().toString().startsWith("journal-"))
                    .max(java.util.Comparator.naturalOrder())
                    .orElseThrow();
        }
        long g = Long.parseLong(current.getFileName().toString().substring("journal-".length()));
        Durable.write(index.resolve("journal-" + (g + 1)), Journal.header());

        store = open("layout", "alphabetical", "snapshot-records", "10");
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL)).hasSize(5);
        for (int i = 6; i <= 40; i++) {
            assertThat(append(FolderName.INBOX, "m" + i).uid()).isEqualTo(i); // rotates several times
        }
        store.close();
        store = open("layout", "alphabetical", "snapshot-records", "10");
        assertThat(store.messages(JOHN, FolderName.INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(Fixtures.read(store.open(JOHN, FolderName.INBOX, 40))).isEqualTo("m40");
        store.close();
        store = open("layout", "alphabetical");
    }
}
