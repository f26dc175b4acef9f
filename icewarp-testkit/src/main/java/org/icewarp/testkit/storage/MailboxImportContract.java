package org.icewarp.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.QuotaExceededException;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.UidSet;
import org.junit.jupiter.api.Test;

/**
 * The import methods of {@link MailboxStore} that storage migration uses: {@link MailboxStore#importFolder}, {@link
 * MailboxStore#importMessage} and {@link MailboxStore#reserveUids}. Part of {@link MailboxStoreContract}, which
 * extends it; kept in its own file because it is one concern.
 */
public interface MailboxImportContract {
    /** The account every test uses. */
    EmailAddress OWNER = EmailAddress.parse("importer@example.com");
    /** The internal date of imported messages. */
    Instant IMPORT_DATE = Instant.parse("2019-04-01T08:30:00Z");

    /** A new, empty store. */
    MailboxStore mailboxStore();

    /** Closes {@code store} and opens it again over the same data; non-durable stores return it unchanged. */
    default MailboxStore reopen(MailboxStore store) {
        return store;
    }

    private static InputStream bytes(String s) {
        return ContractText.stream(s);
    }

    private static String read(InputStream in) {
        return ContractText.read(in);
    }

    private static String imported(long uid) {
        return "Subject: imported " + uid + "\r\n\r\nbody of " + uid + "\r\n";
    }

    private MailboxStore withMailbox() {
        MailboxStore s = mailboxStore();
        s.createMailbox(OWNER);
        return s;
    }

    @Test
    default void importFolderCreatesItWithTheGivenUidValidityAndItsMissingParents() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("Archive/2019");
        Folder f = s.importFolder(OWNER, name, 4242, Set.of(SpecialUse.ARCHIVE));
        assertThat(f.name()).isEqualTo(name);
        assertThat(f.uidValidity()).isEqualTo(4242);
        assertThat(f.specialUse()).containsExactly(SpecialUse.ARCHIVE);
        MailboxStore r = reopen(s);
        assertThat(r.folders(OWNER))
                .extracting(x -> x.name().value())
                .containsExactly("Archive", "Archive/2019", "INBOX");
        assertThat(r.folder(OWNER, name).uidValidity()).isEqualTo(4242);
        assertThat(r.folder(OWNER, name).specialUse()).containsExactly(SpecialUse.ARCHIVE);
        assertThat(r.status(OWNER, name).uidNext()).isEqualTo(1);
        assertThat(r.status(OWNER, name).uidValidity()).isEqualTo(4242);
    }

    @Test
    default void importFolderIsIdempotentAndReturnsAnExistingFolderUnchanged() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("Sent");
        Folder first = s.importFolder(OWNER, name, 77, Set.of(SpecialUse.SENT));
        s.importMessage(OWNER, name, 3, bytes(imported(3)), AppendRequest.at(IMPORT_DATE));
        List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        Folder again;
        try (MailboxStore.Registration reg = s.addListener(events::add)) {
            again = s.importFolder(OWNER, name, 77, Set.of(SpecialUse.SENT));
        }
        assertThat(again).isEqualTo(first);
        assertThat(events).as("nothing changed, nothing announced").isEmpty();
        MailboxStore r = reopen(s);
        assertThat(r.importFolder(OWNER, name, 77, Set.of(SpecialUse.SENT))).isEqualTo(first);
        assertThat(r.status(OWNER, name).messages()).isEqualTo(1);
        assertThat(r.status(OWNER, name).uidNext()).isEqualTo(4);
        assertThat(r.folders(OWNER)).extracting(Folder::name).containsExactly(FolderName.INBOX, name);
    }

    @Test
    default void importFolderGivesAnEmptyNeverUsedInboxTheImportedUidValidity() {
        MailboxStore s = withMailbox();
        long created = s.folder(OWNER, FolderName.INBOX).uidValidity();
        long wanted = created == 1234567 ? 7654321 : 1234567;
        Folder f = s.importFolder(OWNER, FolderName.INBOX, wanted, Set.of());
        assertThat(f.uidValidity()).isEqualTo(wanted);
        MailboxStore r = reopen(s);
        assertThat(r.folder(OWNER, FolderName.INBOX).uidValidity()).isEqualTo(wanted);
        assertThat(r.status(OWNER, FolderName.INBOX).uidValidity()).isEqualTo(wanted);
        AppendResult a = r.importMessage(OWNER, FolderName.INBOX, 8, bytes(imported(8)), AppendRequest.at(IMPORT_DATE));
        assertThat(a.uidValidity()).isEqualTo(wanted);
    }

    @Test
    default void importFolderConflictsWithAFolderThatHasOrHadMessagesUnderAnotherUidValidity() {
        MailboxStore s = withMailbox();
        long inboxValidity = s.folder(OWNER, FolderName.INBOX).uidValidity();
        s.append(OWNER, FolderName.INBOX, bytes(imported(1)), AppendRequest.at(IMPORT_DATE));
        assertThatThrownBy(() -> s.importFolder(OWNER, FolderName.INBOX, inboxValidity + 1, Set.of()))
                .isInstanceOf(ConflictException.class);

        FolderName used = FolderName.of("Used");
        Folder created = s.createFolder(OWNER, used, Set.of());
        AppendResult a = s.append(OWNER, used, bytes(imported(1)), AppendRequest.at(IMPORT_DATE));
        s.updateFlags(OWNER, used, UidSet.of(a.uid()), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        s.expunge(OWNER, used, UidSet.ALL);
        long other = created.uidValidity() == 99 ? 98 : 99;
        assertThatThrownBy(() -> s.importFolder(OWNER, used, other, Set.of()))
                .as("empty now, but it held a message")
                .isInstanceOf(ConflictException.class);

        MailboxStore r = reopen(s);
        assertThat(r.folder(OWNER, FolderName.INBOX).uidValidity()).isEqualTo(inboxValidity);
        assertThat(r.folder(OWNER, used).uidValidity()).isEqualTo(created.uidValidity());
    }

    @Test
    default void importFolderRejectsABadUidValidityAndAnAccountWithoutMailbox() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("X");
        assertThatThrownBy(() -> s.importFolder(OWNER, name, 0, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.importFolder(OWNER, name, UidSet.MAX + 1, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.importFolder(EmailAddress.parse("nobody@example.com"), name, 5, Set.of()))
                .isInstanceOf(NotFoundException.class);
        assertThat(s.folders(OWNER)).extracting(Folder::name).containsExactly(FolderName.INBOX);
        assertThat(s.importFolder(OWNER, name, UidSet.MAX, Set.of()).uidValidity())
                .isEqualTo(UidSet.MAX);
    }

    @Test
    default void importedMessagesKeepTheirUidsMetadataAndContentAndUidNextFollowsTheLast() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("Work");
        s.importFolder(OWNER, name, 500, Set.of());
        Flags flags5 = new Flags(Set.of(Flag.SEEN, Flag.ANSWERED), Set.of("$Label1"));
        AppendResult r5 =
                s.importMessage(OWNER, name, 5, bytes(imported(5)), new AppendRequest(flags5, IMPORT_DATE, 0));
        AppendResult r9 =
                s.importMessage(OWNER, name, 9, bytes(imported(9)), AppendRequest.at(IMPORT_DATE.plusSeconds(60)));
        assertThat(r5).isEqualTo(new AppendResult(5, 500, 6, imported(5).length()));
        assertThat(r9).isEqualTo(new AppendResult(9, 500, 10, imported(9).length()));
        MailboxStore r = reopen(s);
        List<MessageMetadata> all = r.messages(OWNER, name, UidSet.ALL);
        assertThat(all)
                .containsExactly(
                        new MessageMetadata(5, imported(5).length(), IMPORT_DATE, flags5),
                        new MessageMetadata(9, imported(9).length(), IMPORT_DATE.plusSeconds(60), Flags.NONE));
        assertThat(read(r.open(OWNER, name, 5))).isEqualTo(imported(5));
        assertThat(read(r.open(OWNER, name, 9))).isEqualTo(imported(9));
        FolderStatus st = r.status(OWNER, name);
        assertThat(st.messages()).isEqualTo(2);
        assertThat(st.unseen()).isEqualTo(1);
        assertThat(st.size()).isEqualTo(imported(5).length() + imported(9).length());
        assertThat(st.uidNext()).isEqualTo(10);
        assertThat(r.usage(OWNER).messages()).isEqualTo(2);
        assertThat(r.append(OWNER, name, bytes(imported(10)), AppendRequest.at(IMPORT_DATE))
                        .uid())
                .as("an append after an import continues above it")
                .isEqualTo(10);
    }

    @Test
    default void importMessageBelowUidNextIsRefusedAndStoresNothing() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("Work");
        s.importFolder(OWNER, name, 500, Set.of());
        s.importMessage(OWNER, name, 5, bytes(imported(5)), AppendRequest.at(IMPORT_DATE));
        assertThatThrownBy(() -> s.importMessage(OWNER, name, 5, bytes("again"), AppendRequest.at(IMPORT_DATE)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> s.importMessage(OWNER, name, 2, bytes("lower"), AppendRequest.at(IMPORT_DATE)))
                .isInstanceOf(ConflictException.class);
        AppendResult appended = s.append(OWNER, FolderName.INBOX, bytes("x"), AppendRequest.at(IMPORT_DATE));
        assertThatThrownBy(() -> s.importMessage(
                        OWNER, FolderName.INBOX, appended.uid(), bytes("y"), AppendRequest.at(IMPORT_DATE)))
                .as("a UID used by an append")
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> s.importMessage(OWNER, name, 0, bytes("zero"), AppendRequest.at(IMPORT_DATE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        s.importMessage(OWNER, name, UidSet.MAX + 1, bytes("too high"), AppendRequest.at(IMPORT_DATE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        s.importMessage(OWNER, FolderName.of("Missing"), 1, bytes("x"), AppendRequest.at(IMPORT_DATE)))
                .isInstanceOf(NotFoundException.class);
        MailboxStore r = reopen(s);
        assertThat(r.messages(OWNER, name, UidSet.ALL))
                .extracting(MessageMetadata::uid)
                .containsExactly(5L);
        assertThat(read(r.open(OWNER, name, 5))).isEqualTo(imported(5));
        assertThat(r.status(OWNER, name).uidNext()).isEqualTo(6);
        assertThat(r.status(OWNER, FolderName.INBOX).messages()).isEqualTo(1);
    }

    @Test
    default void reserveUidsRaisesUidNextDurablyAndNeverLowersIt() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("Gaps");
        s.importFolder(OWNER, name, 600, Set.of());
        s.importMessage(OWNER, name, 3, bytes(imported(3)), AppendRequest.at(IMPORT_DATE));
        s.reserveUids(OWNER, name, 100);
        assertThat(s.status(OWNER, name).uidNext()).isEqualTo(100);
        s.reserveUids(OWNER, name, 50);
        s.reserveUids(OWNER, name, 1);
        assertThat(s.status(OWNER, name).uidNext()).as("never lowered").isEqualTo(100);
        MailboxStore r = reopen(s);
        assertThat(r.status(OWNER, name).uidNext()).isEqualTo(100);
        assertThat(r.status(OWNER, name).messages()).isEqualTo(1);
        assertThatThrownBy(() -> r.importMessage(OWNER, name, 99, bytes("x"), AppendRequest.at(IMPORT_DATE)))
                .isInstanceOf(ConflictException.class);
        assertThat(r.append(OWNER, name, bytes(imported(100)), AppendRequest.at(IMPORT_DATE))
                        .uid())
                .isEqualTo(100);
        assertThatThrownBy(() -> r.reserveUids(OWNER, name, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.reserveUids(OWNER, name, UidSet.MAX + 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.reserveUids(OWNER, FolderName.of("Missing"), 5))
                .isInstanceOf(NotFoundException.class);
        assertThat(r.status(OWNER, name).uidNext()).isEqualTo(101);
    }

    @Test
    default void reserveUidsOnAnEmptyFolderKeepsTheReservedUidsUnusedAfterReopening() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("Emptied");
        s.importFolder(OWNER, name, 700, Set.of());
        s.reserveUids(OWNER, name, 42);
        MailboxStore r = reopen(s);
        assertThat(r.status(OWNER, name)).isEqualTo(new FolderStatus(0, 0, 0, 0, 42, 700));
        assertThat(r.append(OWNER, name, bytes("x"), AppendRequest.at(IMPORT_DATE))
                        .uid())
                .isEqualTo(42);
    }

    @Test
    default void importsAreAnnouncedToListeners() {
        MailboxStore s = withMailbox();
        List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        FolderName name = FolderName.of("Lists/Java");
        try (MailboxStore.Registration reg = s.addListener(events::add)) {
            s.importFolder(OWNER, name, 800, Set.of());
            s.importMessage(OWNER, name, 17, bytes(imported(17)), AppendRequest.at(IMPORT_DATE));
        }
        assertThat(events)
                .containsExactly(
                        new MailboxEvent.FolderChanged(
                                OWNER, FolderName.of("Lists"), MailboxEvent.FolderChanged.Kind.CREATED, null),
                        new MailboxEvent.FolderChanged(OWNER, name, MailboxEvent.FolderChanged.Kind.CREATED, null),
                        new MailboxEvent.MessageAdded(OWNER, name, 800, 17));
    }

    @Test
    default void importMessageChecksTheQuotaAndARejectedImportLeavesNothing() {
        MailboxStore s = withMailbox();
        FolderName name = FolderName.of("Big");
        s.importFolder(OWNER, name, 900, Set.of());
        long quota = imported(1).length() + 5L;
        s.importMessage(OWNER, name, 1, bytes(imported(1)), new AppendRequest(Flags.NONE, IMPORT_DATE, quota));
        assertThatThrownBy(() -> s.importMessage(
                        OWNER, name, 2, bytes(imported(2)), new AppendRequest(Flags.NONE, IMPORT_DATE, quota)))
                .isInstanceOf(QuotaExceededException.class);
        MailboxStore r = reopen(s);
        assertThat(r.status(OWNER, name).messages()).isEqualTo(1);
        assertThat(r.status(OWNER, name).uidNext())
                .as("a refused import takes no UID")
                .isEqualTo(2);
        assertThat(r.usage(OWNER).bytes()).isEqualTo(imported(1).length());
        assertThat(r.importMessage(OWNER, name, 2, bytes(imported(2)), AppendRequest.at(IMPORT_DATE))
                        .uid())
                .isEqualTo(2);
    }
}
