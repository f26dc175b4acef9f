package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
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
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.UidSet;

/**
 * The mailbox the round-trip tests carry from store to store: one account with two folders, messages of mixed sizes
 * (100 B to 6 KB, every 250th 300 KB) and flags, keywords on some, and UID gaps left by expunges at the start and the
 * end of each folder.
 */
final class RoundTripMailbox {
    static final EmailAddress OWNER = EmailAddress.parse("owner@example.com");
    static final FolderName ARCHIVE = FolderName.of("Archive/2025");

    private RoundTripMailbox() {}

    static StorageProvider provider(String id) {
        return ServiceLoader.load(StorageProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no storage provider with id " + id + " on the class path"));
    }

    /** Creates the domain, the account and its mailbox, and appends {@code messages} messages, then expunges some. */
    static void populate(AccountStore accounts, MailboxStore mail, int messages) {
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

    /**
     * Asserts that {@code actual} holds the owner's mailbox exactly as {@code expected} does: the same folders, status
     * (UIDVALIDITY, UIDNEXT, counts), metadata of every message (UID, flags, keywords, internal date, size) and content
     * byte for byte.
     */
    static void assertSameMailbox(MailboxStore expected, MailboxStore actual) throws IOException {
        assertThat(actual.folders(OWNER)).isEqualTo(expected.folders(OWNER));
        for (Folder f : expected.folders(OWNER)) {
            assertThat(actual.status(OWNER, f.name())).isEqualTo(expected.status(OWNER, f.name()));
            List<MessageMetadata> messages = expected.messages(OWNER, f.name(), UidSet.ALL);
            assertThat(actual.messages(OWNER, f.name(), UidSet.ALL)).isEqualTo(messages);
            for (MessageMetadata m : messages) {
                try (InputStream x = expected.open(OWNER, f.name(), m.uid());
                        InputStream y = actual.open(OWNER, f.name(), m.uid())) {
                    assertThat(y.readAllBytes())
                            .as("UID %s of %s", m.uid(), f.name())
                            .isEqualTo(x.readAllBytes());
                }
            }
        }
    }
}
