package org.icewarp.storage.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Folder;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.migration.MigrationProgress.Phase;

/**
 * Copies everything an {@link AccountStore} and a {@link MailboxStore} hold to another pair of stores, of any
 * provider, then verifies that both sides are equal: the seed's "Convert to DB", "Convert to File System" and
 * "Database Migration".
 *
 * <pre>{@code
 * MigrationReport report = StorageMigration.builder()
 *         .from(fsAccounts, fsMailboxes)
 *         .to(jdbcAccounts, jdbcMailboxes)
 *         .repairText(true)
 *         .listener(display)
 *         .build()
 *         .run();
 * if (!report.ok()) { ... report.verification().mismatches() ... }
 * }</pre>
 *
 * <p>What is copied: domains (aliases, options), groups (members, parent, directory identity), accounts (aliases,
 * credentials, quota, state, full name, directory identity) and, for each account that has one, its mailbox: every
 * folder with its UIDVALIDITY, subscription and special use, every message under its UID with its flags, keywords and
 * internal date, and each folder's UIDNEXT. The outgoing queue is not copied (see the module README). Nothing at the
 * target is deleted except messages that an earlier run copied and the source has expunged since.
 *
 * <p>A run is idempotent and resumable: objects that are equal at the target are left alone and those that differ are
 * replaced; in each folder, messages below the target's UIDNEXT were copied before and only their flags are brought up
 * to date. A run that failed or was interrupted ({@link MigrationException}, a killed process) is finished by running
 * again. The target's import methods ({@link MailboxStore#importFolder}, {@link MailboxStore#importMessage}, {@link
 * MailboxStore#reserveUids}) must be implemented. Messages are streamed, listings are read a page at a time, and
 * imported messages are not checked against quotas (the source already holds them).
 *
 * <p>Run it while nothing else changes either side (the server stopped, or at least not delivering); a change made
 * during a run is picked up by the next run. One instance runs one migration at a time, on the calling thread.
 */
public final class StorageMigration {
    private final AccountStore fromAccounts;
    private final MailboxStore fromMailboxes;
    private final AccountStore toAccounts;
    private final MailboxStore toMailboxes;
    private final boolean repairText;
    private final MigrationListener listener;
    private final int pageSize;

    private StorageMigration(Builder b) {
        this.fromAccounts = b.fromAccounts;
        this.fromMailboxes = b.fromMailboxes;
        this.toAccounts = b.toAccounts;
        this.toMailboxes = b.toMailboxes;
        this.repairText = b.repairText;
        this.listener = b.listener;
        this.pageSize = b.pageSize;
    }

    /** A builder; {@link Builder#from} and {@link Builder#to} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Copies source to target, then verifies.
     *
     * @return what was copied and the verification; {@link MigrationReport#ok()} says whether both sides are equal
     * @throws MigrationException when a step fails, naming the domain, group, account, folder or UID; run again to
     *     resume
     * @throws UnsupportedOperationException when the target mailbox store cannot import
     */
    public MigrationReport run() {
        Progress progress = new Progress(listener);
        Repairer repairer = new Repairer(repairText, progress::repair);
        DirectoryCopier directory = new DirectoryCopier(fromAccounts, toAccounts, repairer, pageSize);
        FolderCopier folders = new FolderCopier(fromMailboxes, toMailboxes, pageSize, progress);

        progress.phase(Phase.DIRECTORY);
        directory.copyDomains();
        directory.copyGroups();
        progress.accountsTotal = directory.countAccounts();

        progress.phase(Phase.MAILBOXES);
        Listings.forEachInDomains(fromAccounts, pageSize, fromAccounts::accounts, account -> {
            progress.current(account.address().toString());
            directory.copyAccount(account);
            copyMailbox(account, folders, progress);
            progress.accountDone();
        });

        Verification verification = verify(progress, repairer);
        progress.phase(Phase.DONE);
        return new MigrationReport(
                directory.domains(),
                directory.accounts(),
                directory.groups(),
                progress.mailboxes,
                progress.messagesCopied,
                progress.bytesCopied,
                progress.flagsUpdated,
                progress.messagesRemoved,
                progress.repairs,
                progress.repairCount,
                progress.warnings,
                progress.warningCount,
                verification);
    }

    /**
     * Compares source and target without copying anything (what {@link #run()} does at its end).
     *
     * @throws MigrationException when reading either side fails
     */
    public Verification verify() {
        Progress progress = new Progress(listener);
        progress.accountsTotal = new DirectoryCopier(fromAccounts, toAccounts, null, pageSize).countAccounts();
        Verification v = verify(progress, new Repairer(repairText, r -> {}));
        progress.phase(Phase.DONE);
        return v;
    }

    private Verification verify(Progress progress, Repairer repairer) {
        progress.accountsDone = 0;
        progress.phase(Phase.VERIFICATION);
        return new Verifier(fromAccounts, toAccounts, fromMailboxes, toMailboxes, repairer, pageSize, progress)
                .verify();
    }

    private void copyMailbox(Account account, FolderCopier copier, Progress progress) {
        EmailAddress address = account.address();
        List<Folder> folders;
        try {
            folders = new ArrayList<>(fromMailboxes.folders(address));
        } catch (NotFoundException noMailbox) {
            return;
        } catch (RuntimeException e) {
            throw MigrationException.of(address, null, 0, "listing the source folders", e);
        }
        try {
            toMailboxes.createMailbox(address);
        } catch (RuntimeException e) {
            throw MigrationException.of(address, null, 0, "creating the mailbox", e);
        }
        // parents before children, so that a parent gets its own UIDVALIDITY before a child's import could create it
        folders.sort((a, b) -> a.name().compareTo(b.name()));
        for (Folder f : folders) {
            copier.copy(address, f);
        }
        progress.mailboxes++;
    }

    /**
     * Sets up a {@link StorageMigration}. Each option is set once; {@link #build()} checks that source and target are
     * given.
     */
    public static final class Builder {
        /** The default number of items read per page. */
        public static final int DEFAULT_PAGE_SIZE = 500;

        private AccountStore fromAccounts;
        private MailboxStore fromMailboxes;
        private AccountStore toAccounts;
        private MailboxStore toMailboxes;
        private boolean repairText;
        private MigrationListener listener = MigrationListener.NONE;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {}

        /**
         * The stores to copy from; they are only read. The caller opens and closes them.
         *
         * @throws NullPointerException naming the store when one is null
         */
        public Builder from(AccountStore accounts, MailboxStore mailboxes) {
            this.fromAccounts = Objects.requireNonNull(accounts, "from accounts");
            this.fromMailboxes = Objects.requireNonNull(mailboxes, "from mailboxes");
            return this;
        }

        /**
         * The stores to copy to; the mailbox store must implement the import methods. The caller opens and closes
         * them.
         *
         * @throws NullPointerException naming the store when one is null
         */
        public Builder to(AccountStore accounts, MailboxStore mailboxes) {
            this.toAccounts = Objects.requireNonNull(accounts, "to accounts");
            this.toMailboxes = Objects.requireNonNull(mailboxes, "to mailboxes");
            return this;
        }

        /**
         * Whether to repair text fields with invalid characters (the seed's "Repair UTF-8 character set"); default
         * off. Either way every such field is reported ({@link MigrationListener#onRepair}); with repair on, the copy
         * has the characters removed. Invalid: surrogates that are not half of a pair, U+FFFD, control characters
         * other than TAB, LF and CR (U+0000 to U+001F, U+007F to U+009F), and noncharacters (U+FDD0 to U+FDEF and
         * U+xFFFE, U+xFFFF in every plane). Fields: domain option keys and values, account full names, and the
         * source id and entry UUID of directory identities. Names, addresses and credentials are never changed.
         */
        public Builder repairText(boolean repair) {
            this.repairText = repair;
            return this;
        }

        /** Who hears progress, repairs, warnings and folder checks; default {@link MigrationListener#NONE}. */
        public Builder listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How many domains, accounts or groups are read per page, and the number of UIDs a metadata window starts
         * with; default {@value #DEFAULT_PAGE_SIZE}.
         *
         * @throws IllegalArgumentException when outside 1 to 10,000
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 10_000) {
                throw new IllegalArgumentException("pageSize must be 1 to 10000, was " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * The migration.
         *
         * @throws IllegalStateException when {@link #from} or {@link #to} was not called, or both name the same
         *     mailbox store
         */
        public StorageMigration build() {
            if (fromAccounts == null) {
                throw new IllegalStateException("from(accounts, mailboxes) is required");
            }
            if (toAccounts == null) {
                throw new IllegalStateException("to(accounts, mailboxes) is required");
            }
            if (fromMailboxes == toMailboxes || fromAccounts == toAccounts) {
                throw new IllegalStateException("source and target must be different stores");
            }
            return new StorageMigration(this);
        }
    }
}
