package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
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
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.Group;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.Options;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.UidSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code icewarp tool migrate-storage} in-process, between file-system stores found by provider id. */
class MigrateStorageCommandTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
    private static final FolderName WORK = FolderName.of("Projects/Work");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = IceWarpCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "tool";
        all[1] = "migrate-storage";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    private static StorageProvider provider(String id) {
        return ServiceLoader.load(StorageProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static StorageSettings fs(Path dir) {
        return StorageSettings.of(Options.of(Map.of("path", dir.toString())));
    }

    /** An fs store with a domain, an account with a broken full name, a group and 150 messages with gaps. */
    private Path populatedSource() {
        Path dir = temp.resolve("source");
        StorageProvider fs = provider("fs");
        try (AccountStore accounts = fs.openAccounts(fs(dir));
                MailboxStore mail = fs.openMailboxes(fs(dir))) {
            accounts.createDomain(new Domain("example.com", Set.of("ex.org"), Options.of(Map.of("max-size", "10"))));
            accounts.createAccount(new Account(
                    JOHN,
                    Set.of(EmailAddress.parse("js@example.com")),
                    List.of(new Credential("PBKDF2-SHA256", "1000$c2FsdA$aGFzaA")),
                    50_000,
                    AccountState.ENABLED,
                    "John \uFFFDSmith",
                    DirectoryIdentity.NONE));
            accounts.createGroup(Group.of("staff@example.com", Set.of(JOHN)));
            mail.createMailbox(JOHN);
            mail.createFolder(JOHN, WORK, Set.of(SpecialUse.ARCHIVE));
            mail.setSubscribed(JOHN, WORK, true);
            for (int i = 1; i <= 150; i++) {
                FolderName f = i % 3 == 0 ? WORK : FolderName.INBOX;
                mail.append(
                        JOHN,
                        f,
                        stream("Subject: " + i + "\r\n\r\n" + "x".repeat(i * 37) + "\r\n"),
                        new AppendRequest(
                                i % 2 == 0 ? Flags.of(Flag.SEEN) : Flags.NONE,
                                Instant.parse("2025-06-01T00:00:00Z").plusSeconds(i),
                                0));
            }
            mail.updateFlags(
                    JOHN,
                    FolderName.INBOX,
                    UidSet.range(90, 100),
                    new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
            mail.expunge(JOHN, FolderName.INBOX, UidSet.ALL);
        }
        return dir;
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void copiesAFileSystemStoreToAnotherAndPrintsTheVerification() throws IOException {
        Path source = populatedSource();
        Path target = temp.resolve("target");

        int code = run("--from", "fs:path=" + source, "--to", "fs:path=" + target, "--repair-utf8", "--list-folders");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("copying from fs:path=" + source + " to fs:path=" + target)
                .contains("accounts 1 created, 0 updated, 0 unchanged")
                .contains("fullName \"John \\uFFFDSmith\" -> \"John Smith\" (repaired)")
                .contains("verification: OK")
                .contains("ok   john@example.com/Projects/Work: 50 messages");
        assertThat(err.toString()).contains("migrate-storage: done: accounts 1/1");
        StorageProvider fs = provider("fs");
        try (AccountStore sa = fs.openAccounts(fs(source));
                MailboxStore sm = fs.openMailboxes(fs(source));
                AccountStore ta = fs.openAccounts(fs(target));
                MailboxStore tm = fs.openMailboxes(fs(target))) {
            assertThat(ta.findAccount(JOHN).orElseThrow().fullName()).isEqualTo("John Smith");
            assertThat(ta.findAccount(JOHN).orElseThrow().credentials())
                    .isEqualTo(sa.findAccount(JOHN).orElseThrow().credentials());
            assertThat(ta.lookup(EmailAddress.parse("js@ex.org"))).isPresent();
            assertThat(tm.folders(JOHN)).isEqualTo(sm.folders(JOHN));
            for (Folder f : sm.folders(JOHN)) {
                assertThat(tm.status(JOHN, f.name())).isEqualTo(sm.status(JOHN, f.name()));
                List<MessageMetadata> messages = sm.messages(JOHN, f.name(), UidSet.ALL);
                assertThat(tm.messages(JOHN, f.name(), UidSet.ALL)).isEqualTo(messages);
                for (MessageMetadata m : messages) {
                    try (InputStream a = sm.open(JOHN, f.name(), m.uid());
                            InputStream b = tm.open(JOHN, f.name(), m.uid())) {
                        assertThat(b.readAllBytes()).isEqualTo(a.readAllBytes());
                    }
                }
            }
        }

        assertThat(run("--from", "fs:path=" + source, "--to", "fs:path=" + target, "--repair-utf8", "--quiet"))
                .as("a second run")
                .isZero();
        assertThat(out.toString())
                .contains("accounts 0 created, 0 updated, 1 unchanged")
                .contains("1 mailboxes, 0 messages")
                .contains("verification: OK");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void verifyOnlyAgainstAnEmptyTargetListsTheDifferencesAndExitsWithThree() {
        Path source = populatedSource();

        int code = run("--verify-only", "--quiet", "--from", "fs:path=" + source, "--to", "memory");

        assertThat(code).isEqualTo(3);
        assertThat(out.toString())
                .contains("verifying from fs:path=" + source + " to memory")
                .contains("domain example.com: missing at the target")
                .contains("account john@example.com: missing at the target")
                .contains("john@example.com: has a mailbox at the source but none at the target")
                .doesNotContain("copied:");
    }

    @Test
    void storesMayComeFromDifferentProvidersPerKindAndOptionsMayBeGivenSeparately() {
        Path source = populatedSource();
        Path target = temp.resolve("split");

        int code = run(
                "--quiet",
                "--from-accounts",
                "fs",
                "--from-mailboxes",
                "fs",
                "--from-option",
                "path=" + source,
                "--to-accounts",
                "memory",
                "--to-mailboxes",
                "fs:path=" + target);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("to accounts memory, mailboxes fs:path=" + target)
                .contains("verification: OK");
    }

    @Test
    void anUnknownProviderIsAUsageErrorThatListsTheKnownOnes() {
        assertThat(run("--from", "nosuch:x=1", "--to", "memory")).isEqualTo(2);

        assertThat(err.toString()).contains("--from: no storage provider 'nosuch'", "fs", "memory");
    }

    @Test
    void optionsTheProviderRejectsAreAUsageErrorNamingTheOption() {
        assertThat(run("--from", "fs:path=" + temp + ",colour=blue", "--to", "memory"))
                .isEqualTo(2);

        assertThat(err.toString()).contains("--from fs:path=", "colour");
    }

    @Test
    void aMissingSideOrABadSpecIsAUsageError() {
        assertThat(run("--from", "memory")).isEqualTo(2);
        assertThat(err.toString()).contains("--to (or --to-accounts) is required");

        assertThat(run("--from", ":path=/x", "--to", "memory")).isEqualTo(2);
        assertThat(err.toString()).contains("does not start with a provider id");

        assertThat(run("--from", "fs:path", "--to", "memory")).isEqualTo(2);
        assertThat(err.toString()).contains("option 'path' is not key=value");

        assertThat(run("--from", "fs:path=/same", "--to", "fs:path=/same")).isEqualTo(2);
        assertThat(err.toString()).contains("the same store");
    }

    @Test
    void aTargetThatCannotImportIsAUsageErrorBeforeAnyMessageIsCopied() {
        Path source = populatedSource();

        assertThat(run("--quiet", "--from", "fs:path=" + source, "--to", "memory-no-import"))
                .isEqualTo(2);

        assertThat(err.toString()).contains("the target cannot be migrated to", "memory-no-import cannot importFolder");
        assertThat(out.toString()).doesNotContain("verification");
    }

    @Test
    void passwordsInSpecsAreMaskedWhenPrinted() {
        assertThat(StoreSpec.parse("jdbc:url=jdbc:postgresql://db/mail?user=a&password=hunter2,pool-size=4")
                        .toString())
                .isEqualTo("jdbc:url=jdbc:postgresql://db/mail?user=a&password=***,pool-size=4");
        assertThat(StoreSpec.parse("jdbc:url=jdbc:h2:./x")
                        .with(List.of("password=hunter2"), "--to-option")
                        .toString())
                .isEqualTo("jdbc:url=jdbc:h2:./x,password=***");
    }
}
