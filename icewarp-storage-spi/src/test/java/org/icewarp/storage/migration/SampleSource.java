package org.icewarp.storage.migration;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.Credential;
import org.icewarp.storage.DirectoryIdentity;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.Group;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.UidSet;
import org.icewarp.storage.memory.MemoryStorageProvider;

/**
 * A populated pair of in-memory stores: three domains (one with aliases and options), accounts with every field set,
 * groups whose child sorts before its parent, nested and special-use folders, and a few thousand messages of mixed
 * sizes (arbitrary bytes, some of 100 KB and more) and flags, with expunged gaps inside and at the end of folders.
 */
final class SampleSource {
    static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
    static final EmailAddress ANNA = EmailAddress.parse("anna@example.com");
    static final EmailAddress BOB = EmailAddress.parse("bob@example.net");
    static final FolderName ARCHIVE_Q1 = FolderName.of("Archive/2024/Q1");
    static final FolderName EMPTIED = FolderName.of("Emptied");

    final AccountStore accounts;
    final MailboxStore mailboxes;
    private final Random random;
    private int appended;

    private SampleSource(long seed) {
        MemoryStorageProvider p = new MemoryStorageProvider();
        accounts = p.openAccounts(StorageSettings.of(Options.EMPTY));
        mailboxes = p.openMailboxes(StorageSettings.of(Options.EMPTY));
        random = new Random(seed);
    }

    /** An empty pair of in-memory stores, as a target. */
    static Target emptyTarget() {
        MemoryStorageProvider p = new MemoryStorageProvider();
        return new Target(
                p.openAccounts(StorageSettings.of(Options.EMPTY)), p.openMailboxes(StorageSettings.of(Options.EMPTY)));
    }

    record Target(AccountStore accounts, MailboxStore mailboxes) {}

    /** The sample with about {@code messages} messages over its folders. */
    static SampleSource populated(int messages) {
        SampleSource s = new SampleSource(20261123L);
        s.directory();
        s.mail(messages);
        return s;
    }

    private void directory() {
        accounts.createDomain(new Domain(
                "example.com",
                Set.of("ex.org"),
                Options.of(Map.of("signature", "Regards, Example", "max-size", "10"))));
        accounts.createDomain(Domain.of("example.net"));
        accounts.createDomain(Domain.of("many.example"));
        accounts.createAccount(new Account(
                JOHN,
                Set.of(EmailAddress.parse("j@example.com"), EmailAddress.parse("js@ex.org")),
                List.of(new Credential("PBKDF2-SHA256", "310000$c2FsdA$aGFzaA"), new Credential("TOTP", "JBSWY3DP")),
                1_000,
                AccountState.ENABLED,
                "John Smith",
                new DirectoryIdentity("ldap-main", "8c1f0e6a-1", Instant.parse("2025-01-02T03:04:05Z"), true)));
        accounts.createAccount(new Account(
                ANNA,
                Set.of(),
                List.of(new Credential("PLAIN", "s3cret")),
                0,
                AccountState.DISABLED,
                "Ánna Ünïcödé 😀",
                DirectoryIdentity.NONE));
        accounts.createAccount(Account.of(BOB.toString()));
        for (int i = 0; i < 25; i++) {
            accounts.createAccount(Account.of(String.format("user%02d@many.example", i)));
        }
        accounts.createGroup(Group.of("staff@example.com", Set.of(JOHN, ANNA, EmailAddress.parse("remote@else.org"))));
        // "a-team" sorts before its parent "staff", so a one-pass copy in listing order would fail
        accounts.createGroup(new Group(
                EmailAddress.parse("a-team@example.com"),
                Set.of(JOHN),
                EmailAddress.parse("staff@example.com"),
                new DirectoryIdentity("ldap-main", "group-7", Instant.parse("2025-02-03T04:05:06Z"), false)));
        accounts.createGroup(Group.of("all@example.net", Set.of(BOB)));
    }

    private void mail(int total) {
        for (EmailAddress a : List.of(JOHN, ANNA, BOB)) {
            mailboxes.createMailbox(a);
        }
        for (int i = 0; i < 5; i++) {
            mailboxes.createMailbox(EmailAddress.parse(String.format("user%02d@many.example", i)));
        }
        mailboxes.createFolder(JOHN, FolderName.of("Sent"), Set.of(SpecialUse.SENT));
        mailboxes.setSubscribed(JOHN, FolderName.of("Sent"), true);
        mailboxes.createFolder(JOHN, FolderName.of("Drafts"), Set.of(SpecialUse.DRAFTS));
        mailboxes.createFolder(JOHN, FolderName.of("Trash"), Set.of(SpecialUse.TRASH));
        mailboxes.createFolder(JOHN, ARCHIVE_Q1, Set.of(SpecialUse.ARCHIVE));
        mailboxes.setSubscribed(JOHN, FolderName.INBOX, true);
        mailboxes.createFolder(JOHN, FolderName.of("Lists/Java"), Set.of());
        mailboxes.createFolder(JOHN, FolderName.of("Ünïcödé 日本語"), Set.of());
        mailboxes.createFolder(JOHN, EMPTIED, Set.of());
        mailboxes.createFolder(ANNA, FolderName.of("Work"), Set.of(SpecialUse.FLAGGED));

        fill(JOHN, FolderName.INBOX, total * 40 / 100);
        fill(JOHN, ARCHIVE_Q1, total * 20 / 100);
        fill(JOHN, FolderName.of("Sent"), total * 10 / 100);
        fill(JOHN, FolderName.of("Lists/Java"), total * 10 / 100);
        fill(JOHN, FolderName.of("Ünïcödé 日本語"), 7);
        fill(JOHN, EMPTIED, 5);
        expungeAll(JOHN, EMPTIED);
        fill(ANNA, FolderName.INBOX, total * 10 / 100);
        fill(ANNA, FolderName.of("Work"), total * 5 / 100);
        fill(BOB, FolderName.INBOX, total * 5 / 100);
    }

    /** Appends {@code n} messages, then expunges every seventh and the last three: gaps inside and at the end. */
    private void fill(EmailAddress account, FolderName folder, int n) {
        for (int i = 0; i < n; i++) {
            mailboxes.append(
                    account,
                    folder,
                    new ByteArrayInputStream(content()),
                    new AppendRequest(
                            flags(), Instant.parse("2024-01-01T00:00:00Z").plusSeconds(appended * 3_607L), 0));
            appended++;
        }
        List<Long> gone = new ArrayList<>();
        for (long uid = 1; uid <= n; uid++) {
            if (uid % 7 == 0 || uid > n - 3) {
                gone.add(uid);
            }
        }
        if (!gone.isEmpty()) {
            UidSet set = UidSet.of(gone);
            mailboxes.updateFlags(account, folder, set, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
            mailboxes.expunge(account, folder, set);
        }
    }

    private void expungeAll(EmailAddress account, FolderName folder) {
        mailboxes.updateFlags(account, folder, UidSet.ALL, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
        mailboxes.expunge(account, folder, UidSet.ALL);
    }

    private byte[] content() {
        int size = appended % 97 == 0 ? 100_000 + random.nextInt(200_000) : 200 + random.nextInt(8_000);
        byte[] header =
                ("Subject: sample " + appended + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        random.nextBytes(body);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }

    private Flags flags() {
        Set<Flag> system = EnumSet.noneOf(Flag.class);
        for (Flag f : List.of(Flag.SEEN, Flag.ANSWERED, Flag.FLAGGED, Flag.DRAFT)) {
            if (random.nextInt(3) == 0) {
                system.add(f);
            }
        }
        Set<String> keywords = random.nextInt(5) == 0 ? Set.of("$Label1", "Work") : Set.of();
        return new Flags(system, keywords);
    }
}
