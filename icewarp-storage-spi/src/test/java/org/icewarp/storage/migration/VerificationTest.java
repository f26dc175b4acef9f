package org.icewarp.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.storage.migration.SampleSource.ANNA;
import static org.icewarp.storage.migration.SampleSource.JOHN;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;
import org.icewarp.storage.migration.SampleSource.Target;
import org.junit.jupiter.api.Test;

/** The verification finds what differs after a migration, and says where. */
class VerificationTest {
    private final SampleSource source = SampleSource.populated(400);
    private final Target target = SampleSource.emptyTarget();
    private final List<FolderCheck> checks = new CopyOnWriteArrayList<>();

    private StorageMigration migration() {
        return StorageMigration.builder()
                .from(source.accounts, source.mailboxes)
                .to(target.accounts(), target.mailboxes())
                .listener(new MigrationListener() {
                    @Override
                    public void onFolderVerified(FolderCheck check) {
                        checks.add(check);
                    }
                })
                .build();
    }

    @Test
    void anUntouchedCopyVerifiesWithEqualDigestsOnBothSides() {
        migration().run();
        checks.clear();

        Verification v = migration().verify();

        assertThat(v.ok()).isTrue();
        assertThat(checks).hasSize((int) v.folders()).allSatisfy(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.target()).isEqualTo(c.source());
            assertThat(c.source().digest()).hasSize(64);
        });
    }

    @Test
    void tamperingWithTheTargetIsFoundAndNamed() {
        migration().run();
        List<MessageMetadata> inbox = target.mailboxes().messages(JOHN, FolderName.INBOX, UidSet.ALL);
        long reflagged = inbox.get(3).uid();
        long removed = inbox.get(4).uid();
        target.mailboxes()
                .updateFlags(
                        JOHN,
                        FolderName.INBOX,
                        UidSet.of(reflagged),
                        new FlagUpdate(
                                FlagUpdate.Mode.ADD, Flags.of(Flag.FLAGGED, Flag.SEEN, Flag.ANSWERED, Flag.DRAFT)));
        target.mailboxes()
                .updateFlags(
                        JOHN,
                        FolderName.INBOX,
                        UidSet.of(removed),
                        new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        target.mailboxes().expunge(JOHN, FolderName.INBOX, UidSet.of(removed));
        target.mailboxes().setSubscribed(ANNA, FolderName.of("Work"), true);
        target.mailboxes().createFolder(ANNA, FolderName.of("Extra"), Set.of());
        target.accounts()
                .updateAccount(target.accounts().findAccount(ANNA).orElseThrow().withQuota(1));
        checks.clear();

        Verification v = migration().verify();

        assertThat(v.ok()).isFalse();
        assertThat(v.mismatches())
                .anyMatch(l -> l.startsWith(JOHN + "/INBOX: UID " + removed + " missing at the target"))
                .anyMatch(l -> l.startsWith(JOHN + "/INBOX: UID " + reflagged + " differs") && l.contains("flags"))
                .anyMatch(l -> l.startsWith(ANNA + "/Work: subscribed false at the source, true at the target"))
                .anyMatch(l -> l.equals(ANNA + "/Extra: only at the target"))
                .anyMatch(l -> l.startsWith("account " + ANNA + ": differs"));
        assertThat(v.mismatches()).noneMatch(l -> l.contains("s3cret"));
        FolderCheck inboxCheck = checks.stream()
                .filter(c -> c.account().equals(JOHN) && c.folder().isInbox())
                .findFirst()
                .orElseThrow();
        assertThat(inboxCheck.source().messages()).isEqualTo(inboxCheck.target().messages() + 1);
        assertThat(inboxCheck.source().digest())
                .isNotEqualTo(inboxCheck.target().digest());
    }

    @Test
    void differentBytesUnderTheSameUidAreFoundByTheContentDigest() {
        EmailAddress carl = EmailAddress.parse("carl@example.net");
        Target src = SampleSource.emptyTarget();
        src.accounts().createDomain(org.icewarp.storage.Domain.of("example.net"));
        src.accounts().createAccount(org.icewarp.storage.Account.of(carl.toString()));
        src.mailboxes().createMailbox(carl);
        src.mailboxes()
                .append(carl, FolderName.INBOX, stream("Subject: a\r\n\r\noriginal"), AppendRequest.at(Instant.EPOCH));
        long validity = src.mailboxes().folder(carl, FolderName.INBOX).uidValidity();
        // a target that claims to hold the copy: same UIDVALIDITY, UID, size, flags and date, other bytes
        target.accounts().createDomain(org.icewarp.storage.Domain.of("example.net"));
        target.accounts().createAccount(org.icewarp.storage.Account.of(carl.toString()));
        target.mailboxes().createMailbox(carl);
        target.mailboxes().importFolder(carl, FolderName.INBOX, validity, Set.of());
        target.mailboxes()
                .importMessage(
                        carl,
                        FolderName.INBOX,
                        1,
                        stream("Subject: a\r\n\r\ntampered"),
                        AppendRequest.at(Instant.EPOCH));

        Verification v = StorageMigration.builder()
                .from(src.accounts(), src.mailboxes())
                .to(target.accounts(), target.mailboxes())
                .build()
                .verify();

        assertThat(v.mismatchCount()).isEqualTo(1);
        assertThat(v.mismatches().get(0))
                .startsWith(carl + "/INBOX: UID 1 differs (source / target): content SHA-256 ")
                .doesNotContain("size");
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }
}
