package org.icewarp.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link MailboxStore} must have. An implementation's test class implements {@link
 * #mailboxStore()} (a new, empty store per test) and, for durable stores, {@link #reopen(MailboxStore)}. The import
 * methods for storage migration are checked by {@link MailboxImportContract}, which this includes.
 */
public interface MailboxStoreContract extends MailboxImportContract {
    EmailAddress JOHN = EmailAddress.parse("john@example.com");
    FolderName INBOX = FolderName.INBOX;
    Instant DATE = Instant.parse("2026-11-23T10:00:00Z");

    /** A new, empty store. */
    @Override
    MailboxStore mailboxStore();

    /** Closes {@code store} and opens it again over the same data; non-durable stores return it unchanged. */
    @Override
    default MailboxStore reopen(MailboxStore store) {
        return store;
    }

    /**
     * Whether the store streams content (appends and reads a 50 MB message without allocating its size). The
     * in-memory reference store does not.
     */
    default boolean streamsContent() {
        return true;
    }

    /**
     * How a child JVM opens this same store, for the crash test; empty for stores that cannot be opened from another
     * process (the in-memory one).
     */
    default java.util.Optional<CrashTarget> crashTarget() {
        return java.util.Optional.empty();
    }

    private static InputStream text(String s) {
        return ContractText.stream(s);
    }

    private static String read(InputStream in) {
        return ContractText.read(in);
    }

    private static String message(int i) {
        return "Subject: message " + i + "\r\n\r\nbody " + i + "\r\n";
    }

    private MailboxStore withInbox() {
        MailboxStore s = mailboxStore();
        s.createMailbox(JOHN);
        return s;
    }

    // ---- folders

    @Test
    default void aNewMailboxHasAnInbox() {
        MailboxStore s = withInbox();
        s.createMailbox(JOHN);
        assertThat(s.folders(JOHN)).extracting(Folder::name).containsExactly(INBOX);
        assertThat(s.folder(JOHN, FolderName.of("inbox")).name()).isEqualTo(INBOX);
        assertThatThrownBy(() -> s.folders(EmailAddress.parse("nobody@example.com")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    default void foldersAreCreatedWithTheirParentsAndAttributes() {
        MailboxStore s = withInbox();
        s.createFolder(JOHN, FolderName.of("Projects/2026/Q4"), Set.of(SpecialUse.ARCHIVE));
        s.createFolder(JOHN, FolderName.of("Sent"), Set.of(SpecialUse.SENT));
        s.setSubscribed(JOHN, FolderName.of("Sent"), true);
        MailboxStore r = reopen(s);
        assertThat(r.folders(JOHN))
                .extracting(f -> f.name().value())
                .containsExactly("INBOX", "Projects", "Projects/2026", "Projects/2026/Q4", "Sent");
        assertThat(r.folder(JOHN, FolderName.of("Sent")).subscribed()).isTrue();
        assertThat(r.folder(JOHN, FolderName.of("Sent")).specialUse()).containsExactly(SpecialUse.SENT);
        assertThat(r.folder(JOHN, FolderName.of("Projects/2026/Q4")).specialUse())
                .containsExactly(SpecialUse.ARCHIVE);
        assertThatThrownBy(() -> r.createFolder(JOHN, FolderName.of("Sent"), Set.of()))
                .isInstanceOf(AlreadyExistsException.class);
        Set<Long> validities = new HashSet<>();
        r.folders(JOHN).forEach(f -> validities.add(f.uidValidity()));
        assertThat(validities).hasSize(5);
    }

    @Test
    default void renamingMovesChildrenAndKeepsUidsAndValidity() {
        MailboxStore s = withInbox();
        s.createFolder(JOHN, FolderName.of("Work/Old"), Set.of());
        AppendResult r1 = s.append(JOHN, FolderName.of("Work"), text(message(1)), AppendRequest.at(DATE));
        long validity = s.folder(JOHN, FolderName.of("Work")).uidValidity();
        s.renameFolder(JOHN, FolderName.of("Work"), FolderName.of("Archive/Work"));
        MailboxStore r = reopen(s);
        assertThat(r.folders(JOHN))
                .extracting(f -> f.name().value())
                .containsExactly("Archive", "Archive/Work", "Archive/Work/Old", "INBOX");
        assertThat(r.folder(JOHN, FolderName.of("Archive/Work")).uidValidity()).isEqualTo(validity);
        assertThat(read(r.open(JOHN, FolderName.of("Archive/Work"), r1.uid()))).isEqualTo(message(1));
        assertThatThrownBy(() -> r.renameFolder(JOHN, FolderName.of("Archive"), FolderName.of("Archive/Work/Deeper")))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> r.renameFolder(JOHN, FolderName.of("Nope"), FolderName.of("Other")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> r.renameFolder(JOHN, FolderName.of("Archive/Work/Old"), INBOX))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    default void renamingTheInboxMovesItsMessagesAndLeavesItEmpty() {
        MailboxStore s = withInbox();
        s.append(JOHN, INBOX, text(message(1)), AppendRequest.at(DATE));
        s.append(JOHN, INBOX, text(message(2)), AppendRequest.at(DATE));
        s.renameFolder(JOHN, INBOX, FolderName.of("Old Inbox"));
        MailboxStore r = reopen(s);
        assertThat(r.status(JOHN, INBOX).messages()).isZero();
        assertThat(r.status(JOHN, FolderName.of("Old Inbox")).messages()).isEqualTo(2);
        assertThat(r.status(JOHN, INBOX).uidNext())
                .as("INBOX UIDs are not reused")
                .isEqualTo(3);
    }

    @Test
    default void renamingTheInboxCreatesMissingParentsAndTellsListenersItsMessagesLeft() {
        MailboxStore s = withInbox();
        AppendResult a1 = s.append(JOHN, INBOX, text(message(1)), AppendRequest.at(DATE));
        AppendResult a2 = s.append(JOHN, INBOX, text(message(2)), AppendRequest.at(DATE));
        List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        FolderName to = FolderName.of("Old/2026");
        try (MailboxStore.Registration reg = s.addListener(events::add)) {
            s.renameFolder(JOHN, INBOX, to);
        }
        MailboxStore r = reopen(s);
        assertThat(r.folders(JOHN)).extracting(f -> f.name().value()).containsExactly("INBOX", "Old", "Old/2026");
        assertThat(r.status(JOHN, to).messages()).isEqualTo(2);
        assertThat(r.status(JOHN, INBOX).messages()).isZero();
        // MessageAdded events for the new folder are allowed, not required: no session can have it selected yet
        assertThat(events.stream()
                        .filter(e -> !(e instanceof MailboxEvent.MessageAdded))
                        .toList())
                .containsExactly(
                        new MailboxEvent.FolderChanged(
                                JOHN, FolderName.of("Old"), MailboxEvent.FolderChanged.Kind.CREATED, null),
                        new MailboxEvent.FolderChanged(JOHN, to, MailboxEvent.FolderChanged.Kind.CREATED, null),
                        new MailboxEvent.MessagesExpunged(JOHN, INBOX, List.of(a1.uid(), a2.uid())));
    }

    @Test
    default void renamingAFolderAnnouncesTheRenameAndTheParentsItCreated() {
        MailboxStore s = withInbox();
        s.createFolder(JOHN, FolderName.of("Work"), Set.of());
        List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        try (MailboxStore.Registration reg = s.addListener(events::add)) {
            s.renameFolder(JOHN, FolderName.of("Work"), FolderName.of("Archive/Work"));
        }
        assertThat(events)
                .containsExactly(
                        new MailboxEvent.FolderChanged(
                                JOHN, FolderName.of("Archive"), MailboxEvent.FolderChanged.Kind.CREATED, null),
                        new MailboxEvent.FolderChanged(
                                JOHN,
                                FolderName.of("Work"),
                                MailboxEvent.FolderChanged.Kind.RENAMED,
                                FolderName.of("Archive/Work")));
    }

    @Test
    default void aFolderDeletedAndCreatedAgainGetsANewUidValiditySoNoUidIsReused() {
        MailboxStore s = withInbox();
        FolderName work = FolderName.of("Work");
        Set<String> pairs = new HashSet<>();
        Set<Long> validities = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            s.createFolder(JOHN, work, Set.of());
            for (int i = 0; i < 2; i++) {
                AppendResult a = s.append(JOHN, work, text(message(i)), AppendRequest.at(DATE));
                assertThat(pairs.add(a.uidValidity() + ":" + a.uid()))
                        .as("(UIDVALIDITY, UID) %s:%s in round %s is new", a.uidValidity(), a.uid(), round)
                        .isTrue();
            }
            long validity = s.folder(JOHN, work).uidValidity();
            assertThat(validities.add(validity))
                    .as("UIDVALIDITY %s in round %s is new", validity, round)
                    .isTrue();
            s.deleteFolder(JOHN, work);
            s = reopen(s);
        }
    }

    @Test
    default void deletingRemovesAFolderButNeverTheInboxOrAParent() {
        MailboxStore s = withInbox();
        s.createFolder(JOHN, FolderName.of("A/B"), Set.of());
        assertThatThrownBy(() -> s.deleteFolder(JOHN, INBOX)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> s.deleteFolder(JOHN, FolderName.of("A"))).isInstanceOf(ConflictException.class);
        s.append(JOHN, FolderName.of("A/B"), text(message(1)), AppendRequest.at(DATE));
        s.deleteFolder(JOHN, FolderName.of("A/B"));
        s.deleteFolder(JOHN, FolderName.of("A"));
        MailboxStore r = reopen(s);
        assertThat(r.folders(JOHN)).extracting(Folder::name).containsExactly(INBOX);
        assertThat(r.usage(JOHN)).isEqualTo(new AccountUsage(0, 0));
        assertThatThrownBy(() -> r.deleteFolder(JOHN, FolderName.of("A"))).isInstanceOf(NotFoundException.class);
    }

    // ---- messages

    @Test
    default void appendedMessagesReadBackWithTheirMetadata() {
        MailboxStore s = withInbox();
        AppendResult first = s.append(JOHN, INBOX, text(message(1)), new AppendRequest(Flags.of(Flag.SEEN), DATE, 0));
        AppendResult second = s.append(
                JOHN,
                INBOX,
                text(message(2)),
                new AppendRequest(new Flags(Set.of(Flag.FLAGGED), Set.of("$Work")), DATE.plusSeconds(5), 0));
        assertThat(first.uid()).isEqualTo(1);
        assertThat(second.uid()).isEqualTo(2);
        assertThat(second.uidNext()).isEqualTo(3);
        assertThat(second.uidValidity()).isEqualTo(s.folder(JOHN, INBOX).uidValidity());
        assertThat(second.size()).isEqualTo(message(2).length());
        MailboxStore r = reopen(s);
        List<MessageMetadata> all = r.messages(JOHN, INBOX, UidSet.ALL);
        assertThat(all).extracting(MessageMetadata::uid).containsExactly(1L, 2L);
        assertThat(all.get(0).flags()).isEqualTo(Flags.of(Flag.SEEN));
        assertThat(all.get(1).flags().keywords()).containsExactly("$Work");
        assertThat(all.get(1).internalDate()).isEqualTo(DATE.plusSeconds(5));
        assertThat(all.get(1).size()).isEqualTo(message(2).length());
        assertThat(read(r.open(JOHN, INBOX, 2))).isEqualTo(message(2));
        assertThat(read(r.open(JOHN, INBOX, 2, 9, 7))).isEqualTo(message(2).substring(9, 16));
        assertThat(read(r.open(JOHN, INBOX, 2, 20, 1000))).isEqualTo(message(2).substring(20));
        assertThat(r.messages(JOHN, INBOX, UidSet.of(2)))
                .extracting(MessageMetadata::uid)
                .containsExactly(2L);
        assertThatThrownBy(() -> r.open(JOHN, INBOX, 99)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> r.append(JOHN, FolderName.of("Missing"), text("x"), AppendRequest.at(DATE)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    default void flagsAreReplacedAddedAndRemoved() {
        MailboxStore s = withInbox();
        for (int i = 1; i <= 3; i++) {
            s.append(JOHN, INBOX, text(message(i)), AppendRequest.at(DATE));
        }
        assertThat(s.status(JOHN, INBOX).unseen()).isEqualTo(3);
        List<MessageMetadata> changed = s.updateFlags(
                JOHN,
                INBOX,
                UidSet.range(1, 2),
                new FlagUpdate(FlagUpdate.Mode.ADD, new Flags(Set.of(Flag.SEEN), Set.of("urgent"))));
        assertThat(changed).extracting(MessageMetadata::uid).containsExactly(1L, 2L);
        s.updateFlags(JOHN, INBOX, UidSet.of(2), new FlagUpdate(FlagUpdate.Mode.REMOVE, Flags.of(Flag.SEEN)));
        s.updateFlags(JOHN, INBOX, UidSet.of(3), new FlagUpdate(FlagUpdate.Mode.REPLACE, Flags.of(Flag.ANSWERED)));
        assertThat(s.updateFlags(
                        JOHN, INBOX, UidSet.of(3), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.ANSWERED))))
                .as("no change, nothing reported")
                .isEmpty();
        MailboxStore r = reopen(s);
        List<MessageMetadata> all = r.messages(JOHN, INBOX, UidSet.ALL);
        assertThat(all.get(0).flags()).isEqualTo(new Flags(Set.of(Flag.SEEN), Set.of("urgent")));
        assertThat(all.get(1).flags()).isEqualTo(new Flags(Set.of(), Set.of("urgent")));
        assertThat(all.get(2).flags()).isEqualTo(Flags.of(Flag.ANSWERED));
        assertThat(r.status(JOHN, INBOX).unseen()).isEqualTo(2);
    }

    @Test
    default void expungeRemovesOnlyDeletedMessagesAndUidsAreNeverReused() {
        MailboxStore s = withInbox();
        for (int i = 1; i <= 4; i++) {
            s.append(JOHN, INBOX, text(message(i)), AppendRequest.at(DATE));
        }
        s.updateFlags(JOHN, INBOX, UidSet.of(2, 4), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        assertThat(s.expunge(JOHN, INBOX, UidSet.of(1, 2))).containsExactly(2L);
        assertThat(s.expunge(JOHN, INBOX, UidSet.ALL)).containsExactly(4L);
        MailboxStore r = reopen(s);
        assertThat(r.messages(JOHN, INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(1L, 3L);
        AppendResult next = r.append(JOHN, INBOX, text(message(5)), AppendRequest.at(DATE));
        assertThat(next.uid()).isEqualTo(5);
        FolderStatus st = r.status(JOHN, INBOX);
        assertThat(st.messages()).isEqualTo(3);
        assertThat(st.size())
                .isEqualTo(
                        message(1).length() + message(3).length() + message(5).length());
    }

    @Test
    default void copyAndMoveReportTheUidMapping() {
        MailboxStore s = withInbox();
        s.createFolder(JOHN, FolderName.of("Archive"), Set.of());
        s.append(JOHN, FolderName.of("Archive"), text(message(0)), AppendRequest.at(DATE));
        for (int i = 1; i <= 3; i++) {
            s.append(JOHN, INBOX, text(message(i)), new AppendRequest(Flags.of(Flag.SEEN), DATE, 0));
        }
        UidMapping copied = s.copy(JOHN, INBOX, UidSet.of(1, 3, 99), FolderName.of("Archive"), 0);
        assertThat(copied.uids()).containsExactly(entry(1L, 2L), entry(3L, 3L));
        assertThat(copied.destinationUidValidity())
                .isEqualTo(s.folder(JOHN, FolderName.of("Archive")).uidValidity());
        UidMapping moved = s.move(JOHN, INBOX, UidSet.range(2, 3), FolderName.of("Archive"));
        assertThat(moved.uids()).containsExactly(entry(2L, 4L), entry(3L, 5L));
        MailboxStore r = reopen(s);
        assertThat(r.messages(JOHN, INBOX, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(1L);
        assertThat(read(r.open(JOHN, FolderName.of("Archive"), 5))).isEqualTo(message(3));
        assertThat(r.messages(JOHN, FolderName.of("Archive"), UidSet.of(4))
                        .get(0)
                        .flags())
                .isEqualTo(Flags.of(Flag.SEEN));
        assertThat(r.usage(JOHN).messages()).isEqualTo(6);
    }

    private static java.util.Map.Entry<Long, Long> entry(long a, long b) {
        return java.util.Map.entry(a, b);
    }

    @Test
    default void countersFollowEveryChangeAndSurviveARecount() {
        MailboxStore s = withInbox();
        s.createFolder(JOHN, FolderName.of("Other"), Set.of());
        long bytes = 0;
        for (int i = 1; i <= 5; i++) {
            s.append(JOHN, i % 2 == 0 ? INBOX : FolderName.of("Other"), text(message(i)), AppendRequest.at(DATE));
            bytes += message(i).length();
        }
        assertThat(s.usage(JOHN)).isEqualTo(new AccountUsage(5, bytes));
        FolderStatus inbox = s.status(JOHN, INBOX);
        assertThat(inbox.messages()).isEqualTo(2);
        assertThat(inbox.recent()).isEqualTo(2);
        assertThat(inbox.unseen()).isEqualTo(2);
        assertThat(s.claimRecent(JOHN, INBOX)).isEqualTo(1);
        assertThat(s.status(JOHN, INBOX).recent()).isZero();
        s.append(JOHN, INBOX, text(message(6)), AppendRequest.at(DATE));
        bytes += message(6).length();
        assertThat(s.status(JOHN, INBOX).recent()).isEqualTo(1);
        MailboxStore r = reopen(s);
        assertThat(r.recount(JOHN)).isEqualTo(new AccountUsage(6, bytes));
        assertThat(r.usage(JOHN)).isEqualTo(new AccountUsage(6, bytes));
        assertThat(r.status(JOHN, INBOX).messages()).isEqualTo(3);
    }

    @Test
    default void quotaIsCheckedAtomicallyAndARejectedAppendLeavesNothing() {
        MailboxStore s = withInbox();
        long quota = message(1).length() * 2L + 1;
        s.append(JOHN, INBOX, text(message(1)), new AppendRequest(Flags.NONE, DATE, quota));
        s.append(JOHN, INBOX, text(message(2)), new AppendRequest(Flags.NONE, DATE, quota));
        assertThatThrownBy(() -> s.append(JOHN, INBOX, text(message(3)), new AppendRequest(Flags.NONE, DATE, quota)))
                .isInstanceOf(QuotaExceededException.class);
        assertThatThrownBy(() -> s.copy(JOHN, INBOX, UidSet.of(1), INBOX, quota))
                .isInstanceOf(QuotaExceededException.class);
        MailboxStore r = reopen(s);
        assertThat(r.status(JOHN, INBOX).messages()).isEqualTo(2);
        assertThat(r.status(JOHN, INBOX).uidNext()).isEqualTo(3);
        assertThat(r.usage(JOHN).messages()).isEqualTo(2);
    }

    @Test
    default void concurrentAppendsNearTheQuotaNeverExceedIt() throws Exception {
        MailboxStore s = withInbox();
        int threads = 8;
        int size = 10_000;
        int fit = 3;
        long quota = (long) size * fit + size - 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<AppendResult>> results = new ArrayList<>();
        int accepted = 0;
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return s.append(
                            JOHN,
                            INBOX,
                            new ByteArrayInputStream(new byte[size]),
                            new AppendRequest(Flags.NONE, DATE, quota));
                }));
            }
            start.countDown();
            for (Future<AppendResult> f : results) {
                try {
                    f.get(5, TimeUnit.MINUTES);
                    accepted++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(QuotaExceededException.class);
                }
            }
            // a store may count a committing append twice for an instant and reject one that would just fit; it must
            // never accept more than fit
            assertThat(accepted).as("appends accepted").isBetween(1, fit);
        } finally {
            pool.shutdownNow();
        }
        MailboxStore r = reopen(s);
        AccountUsage usage = r.recount(JOHN);
        assertThat(usage.bytes()).isLessThanOrEqualTo(quota);
        assertThat(usage.messages()).isEqualTo(accepted);
        assertThat(r.status(JOHN, INBOX).messages()).isEqualTo(accepted);
        assertThat(usage.bytes()).isEqualTo(usage.messages() * size);
    }

    @Test
    default void listenersSeeCommittedChanges() {
        MailboxStore s = withInbox();
        List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        MailboxStore.Registration reg = s.addListener(events::add);
        AppendResult a = s.append(JOHN, INBOX, text(message(1)), AppendRequest.at(DATE));
        s.updateFlags(JOHN, INBOX, UidSet.of(a.uid()), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        s.expunge(JOHN, INBOX, UidSet.ALL);
        reg.close();
        s.append(JOHN, INBOX, text(message(2)), AppendRequest.at(DATE));
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo(new MailboxEvent.MessageAdded(JOHN, INBOX, a.uidValidity(), a.uid()));
        assertThat(events.get(1)).isInstanceOf(MailboxEvent.FlagsChanged.class);
        assertThat(events.get(2)).isEqualTo(new MailboxEvent.MessagesExpunged(JOHN, INBOX, List.of(a.uid())));
    }

    // ---- invariants under concurrency and hostile input

    @Test
    default void uidsAreUniqueAndAscendingUnderEightConcurrentAppenders() throws Exception {
        MailboxStore s = withInbox();
        int threads = 8;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> uids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        uids.add(s.append(JOHN, INBOX, text(thread + ":" + i + "\r\n"), AppendRequest.at(DATE))
                                .uid());
                    }
                    return uids;
                }));
            }
            start.countDown();
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get(5, TimeUnit.MINUTES);
                List<Long> sorted = new ArrayList<>(mine);
                Collections.sort(sorted);
                assertThat(mine).as("one appender's UIDs ascend").isEqualTo(sorted);
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
        MailboxStore r = reopen(s);
        List<MessageMetadata> stored = r.messages(JOHN, INBOX, UidSet.ALL);
        assertThat(stored).hasSize(threads * each);
        assertThat(r.status(JOHN, INBOX).messages()).isEqualTo(threads * each);
        assertThat(r.status(JOHN, INBOX).uidNext())
                .isGreaterThan(stored.get(stored.size() - 1).uid());
    }

    @Test
    default void readersNeverSeeAHalfWrittenMessage() throws Exception {
        MailboxStore s = withInbox();
        AtomicBoolean done = new AtomicBoolean();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    for (MessageMetadata m : s.messages(JOHN, INBOX, UidSet.ALL)) {
                        try (InputStream in = s.open(JOHN, INBOX, m.uid())) {
                            long n = in.readAllBytes().length;
                            if (n != m.size()) {
                                problems.add(
                                        "uid " + m.uid() + ": metadata says " + m.size() + " bytes, content has " + n);
                            }
                        } catch (NotFoundException gone) {
                            // expunged meanwhile: fine
                        }
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 40; i++) {
                s.append(JOHN, INBOX, new ByteArrayInputStream(new byte[64 * 1024 + i]), AppendRequest.at(DATE));
            }
        } finally {
            done.set(true);
            reader.join(60_000);
        }
        assertThat(reader.isAlive()).as("the reader finished").isFalse();
        assertThat(failure.get()).as("the reader failed").isNull();
        assertThat(problems).isEmpty();
    }

    /**
     * Valid names that a careless mapping to storage would confuse with each other or with a backend's own files: they
     * differ only by case, lead or contain dots, are not ASCII, are 200 characters long, or look like escapes and
     * internal file names.
     */
    private static List<String> trickyFolderNames() {
        return List.of(
                "Work",
                "work",
                "WORK",
                "..x",
                "x..y",
                ".hidden",
                "日本語",
                "Ünïcödé",
                "Unicode",
                "emoji 😀📬",
                "x".repeat(199) + "a",
                "x".repeat(199) + "b",
                "X".repeat(199) + "a",
                "日".repeat(200),
                "+folder",
                "+inbox",
                "%41",
                "A",
                "%2541",
                "_writing",
                "_1.eml",
                ".index",
                ".name",
                "~",
                "Parent/.index",
                "Parent/+folder");
    }

    @Test
    default void trickyButValidFolderNamesAreStoredFaithfullyAndKeptApart() {
        MailboxStore s = withInbox();
        List<FolderName> names =
                trickyFolderNames().stream().map(FolderName::of).toList();
        for (FolderName n : names) {
            s.createFolder(JOHN, n, Set.of());
            s.append(JOHN, n, text("Subject: " + names.indexOf(n) + "\r\n\r\n"), AppendRequest.at(DATE));
        }
        MailboxStore r = reopen(s);
        Set<String> expected = new HashSet<>(trickyFolderNames());
        expected.add("INBOX");
        expected.add("Parent");
        assertThat(r.folders(JOHN)).extracting(f -> f.name().value()).containsExactlyInAnyOrderElementsOf(expected);
        for (FolderName n : names) {
            assertThat(r.status(JOHN, n).messages()).as(n.value()).isEqualTo(1);
            assertThat(read(r.open(JOHN, n, 1))).as(n.value()).isEqualTo("Subject: " + names.indexOf(n) + "\r\n\r\n");
        }

        for (FolderName n : names) {
            r.renameFolder(JOHN, n, FolderName.of("Renamed/" + n.value()));
        }
        MailboxStore again = reopen(r);
        for (FolderName n : names) {
            FolderName moved = FolderName.of("Renamed/" + n.value());
            assertThat(again.status(JOHN, moved).messages()).as(moved.value()).isEqualTo(1);
            assertThat(read(again.open(JOHN, moved, 1)))
                    .as(moved.value())
                    .isEqualTo("Subject: " + names.indexOf(n) + "\r\n\r\n");
        }
        List<FolderName> deepestFirst = new ArrayList<>(names);
        Collections.reverse(deepestFirst);
        deepestFirst.sort(
                (a, b) -> Integer.compare(b.levels().size(), a.levels().size()));
        for (FolderName n : deepestFirst) {
            again.deleteFolder(JOHN, FolderName.of("Renamed/" + n.value()));
        }
        again.deleteFolder(JOHN, FolderName.of("Renamed/Parent"));
        MailboxStore last = reopen(again);
        assertThat(last.folders(JOHN))
                .extracting(f -> f.name().value())
                .containsExactlyInAnyOrder("INBOX", "Parent", "Renamed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                ".",
                "a/../b",
                "../../etc",
                "/abs",
                "a//b",
                "a\\b",
                "C:\\x",
                "nul\0byte",
                "%2e%2e",
                "a%2Fb",
                "&AC8-etc",
                "x&AFw-y",
                "CON",
                "aux.txt",
                "Lpt1",
                "trailing.",
                " leading",
                "tab\there"
            })
    default void hostileFolderNamesAreRejected(String name) {
        assertThatThrownBy(() -> FolderName.of(name)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    default void overlongAndOverdeepFolderNamesAreRejected() {
        assertThatThrownBy(() -> FolderName.of("x".repeat(201))).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> FolderName.of("a/".repeat(40) + "a")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> EmailAddress.parse("../x@example.com")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> EmailAddress.parse("x@exa/mple.com")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> EmailAddress.parse("con@example.com")).isInstanceOf(InvalidNameException.class);
    }

    @Test
    default void aFiftyMegabyteMessageStreamsInAndOutWithoutBeingHeldInMemory() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(streamsContent(), "this store keeps messages in memory");
        MailboxStore s = withInbox();
        long size = 50L * 1024 * 1024;
        MessageDigest in = MessageDigest.getInstance("SHA-256");
        long before = allocatedBytes();
        AppendResult r = s.append(JOHN, INBOX, new GeneratedStream(size, in), AppendRequest.at(DATE));
        long appendAllocated = allocatedBytes() - before;
        assertThat(r.size()).isEqualTo(size);
        MessageDigest out = MessageDigest.getInstance("SHA-256");
        before = allocatedBytes();
        try (InputStream content = s.open(JOHN, INBOX, r.uid())) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = content.read(buf)) >= 0; ) {
                out.update(buf, 0, n);
            }
        }
        long readAllocated = allocatedBytes() - before;
        assertThat(out.digest()).isEqualTo(in.digest());
        if (appendAllocated >= 0) {
            assertThat(appendAllocated).as("bytes allocated by the append").isLessThan(size / 4);
            assertThat(readAllocated).as("bytes allocated by the read").isLessThan(size / 4);
        }
    }

    @Test
    default void acknowledgedAppendsSurviveSigkillOfTheProcess() throws Exception {
        java.util.Optional<CrashTarget> target = crashTarget();
        org.junit.jupiter.api.Assumptions.assumeTrue(target.isPresent(), "this store cannot be opened by a child JVM");
        int checked = CrashHarness.run(target.get(), CrashHarness.rounds(), 20261123L);
        assertThat(checked).isPositive();
    }

    /** Bytes allocated so far by this thread, or -1 where the JVM does not tell. */
    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
