package org.icewarp.samples.server;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageException;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.migration.FolderCheck;
import org.icewarp.storage.migration.MigrationException;
import org.icewarp.storage.migration.MigrationListener;
import org.icewarp.storage.migration.MigrationProgress;
import org.icewarp.storage.migration.MigrationReport;
import org.icewarp.storage.migration.StorageMigration;
import org.icewarp.storage.migration.TextRepair;
import org.icewarp.storage.migration.Verification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icewarp tool migrate-storage}: copies domains, accounts, groups and mailboxes from one storage provider to
 * another with {@link StorageMigration} (the seed's "Convert to DB" and "Convert to File System"), then prints the
 * verification. Progress goes to standard error, the summary to standard output.
 *
 * <p>Exit codes: 0 copied (or verified) and equal; 1 a step failed (the message names the account, folder and UID;
 * run the same command again to resume); 2 a usage error (a bad store spec, an unknown provider, options the provider
 * rejects, a target that cannot import); 3 the verification found differences.
 */
@Command(
        name = "migrate-storage",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Copies domains, accounts, groups and mailboxes (folders, messages with their UIDs, flags, UIDVALIDITY,"
                    + " UIDNEXT) from one storage provider to another, then verifies both sides.",
            "Stop the server first. An interrupted run is finished by running the same command again.",
            "A store is given as <provider>[:<key>=<value>,...], for example fs:path=/var/mail.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:copied and verified equal",
            "1:a step failed; run again to resume",
            "2:usage error",
            "3:the verification found differences"
        })
final class MigrateStorageCommand implements Callable<Integer> {
    /** The verification found differences. */
    static final int EXIT_MISMATCH = 3;

    @Option(names = "--from", paramLabel = "SPEC", description = "The source of accounts and mailboxes.")
    private String from;

    @Option(names = "--to", paramLabel = "SPEC", description = "The target of accounts and mailboxes.")
    private String to;

    @Option(names = "--from-accounts", paramLabel = "SPEC", description = "The source of accounts, if not --from.")
    private String fromAccounts;

    @Option(names = "--from-mailboxes", paramLabel = "SPEC", description = "The source of mailboxes, if not --from.")
    private String fromMailboxes;

    @Option(names = "--to-accounts", paramLabel = "SPEC", description = "The target of accounts, if not --to.")
    private String toAccounts;

    @Option(names = "--to-mailboxes", paramLabel = "SPEC", description = "The target of mailboxes, if not --to.")
    private String toMailboxes;

    @Option(
            names = "--from-option",
            paramLabel = "KEY=VALUE",
            description = "An option for the source stores (repeatable; for values with commas).")
    private List<String> fromOptions = new ArrayList<>();

    @Option(
            names = "--to-option",
            paramLabel = "KEY=VALUE",
            description = "An option for the target stores (repeatable; for values with commas).")
    private List<String> toOptions = new ArrayList<>();

    @Option(
            names = "--server-id",
            paramLabel = "ID",
            defaultValue = "",
            description = "The load-balancing server ID the stores are opened with (default: none).")
    private String serverId;

    @Option(
            names = "--repair-utf8",
            description = "Remove invalid characters from text fields (full names, domain options) in the copy and"
                    + " report each repair. Without it they are only reported.")
    private boolean repair;

    @Option(names = "--verify-only", description = "Copy nothing; only compare source and target.")
    private boolean verifyOnly;

    @Option(names = "--list-folders", description = "Print every folder's verification, not only differences.")
    private boolean listFolders;

    @Option(names = "--quiet", description = "No progress display on standard error.")
    private boolean quiet;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "" + StorageMigration.Builder.DEFAULT_PAGE_SIZE,
            description = "Items read per page (1 to 10000). Default: ${DEFAULT-VALUE}.")
    private int pageSize;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Sides sides;
        try {
            sides = sides();
        } catch (IllegalArgumentException e) {
            err.println("icewarp: migrate-storage: " + e.getMessage());
            return IceWarpCommand.EXIT_USAGE;
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            AccountStore sa = open(sides.fromAccounts, "--from", true, opened);
            MailboxStore sm = open(sides.fromMailboxes, "--from", false, opened);
            AccountStore ta = open(sides.toAccounts, "--to", true, opened);
            MailboxStore tm = open(sides.toMailboxes, "--to", false, opened);
            out.println("migrate-storage: " + (verifyOnly ? "verifying " : "copying ") + describe(sides));
            out.flush();
            StorageMigration migration = StorageMigration.builder()
                    .from(sa, sm)
                    .to(ta, tm)
                    .repairText(repair)
                    .pageSize(pageSize)
                    .listener(listener(out, err))
                    .build();
            Verification v;
            if (verifyOnly) {
                v = migration.verify();
            } else {
                MigrationReport report = migration.run();
                printCopy(out, report);
                v = report.verification();
            }
            printVerification(out, v);
            return v.ok() ? CommandLine.ExitCode.OK : EXIT_MISMATCH;
        } catch (Usage e) {
            err.println("icewarp: migrate-storage: " + e.getMessage());
            return IceWarpCommand.EXIT_USAGE;
        } catch (UnsupportedOperationException e) {
            err.println("icewarp: migrate-storage: the target cannot be migrated to: " + e.getMessage());
            return IceWarpCommand.EXIT_USAGE;
        } catch (MigrationException e) {
            err.println();
            err.println("icewarp: migrate-storage: " + e.getMessage());
            err.println("icewarp: migrate-storage: what was copied stays copied; run the same command again to resume");
            return IceWarpCommand.EXIT_FAILURE;
        } catch (StorageException e) {
            err.println();
            err.println("icewarp: migrate-storage: failed: " + e.getMessage());
            return IceWarpCommand.EXIT_FAILURE;
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception e) {
                    err.println("icewarp: migrate-storage: closing a store failed: " + e.getMessage());
                }
            }
            err.flush();
            out.flush();
        }
    }

    private record Sides(
            StoreSpec fromAccounts, StoreSpec fromMailboxes, StoreSpec toAccounts, StoreSpec toMailboxes) {}

    private Sides sides() {
        StoreSpec fa = spec("--from-accounts", fromAccounts, "--from", from, fromOptions, "--from-option");
        StoreSpec fm = spec("--from-mailboxes", fromMailboxes, "--from", from, fromOptions, "--from-option");
        StoreSpec ta = spec("--to-accounts", toAccounts, "--to", to, toOptions, "--to-option");
        StoreSpec tm = spec("--to-mailboxes", toMailboxes, "--to", to, toOptions, "--to-option");
        if (fa.equals(ta) && !fa.provider().equals("memory")) {
            throw new IllegalArgumentException("source and target accounts are the same store (" + fa + ")");
        }
        if (fm.equals(tm) && !fm.provider().equals("memory")) {
            throw new IllegalArgumentException("source and target mailboxes are the same store (" + fm + ")");
        }
        return new Sides(fa, fm, ta, tm);
    }

    private static StoreSpec spec(
            String specific,
            String specificValue,
            String both,
            String bothValue,
            List<String> extra,
            String extraName) {
        String text = specificValue != null ? specificValue : bothValue;
        if (text == null) {
            throw new IllegalArgumentException(both + " (or " + specific + ") is required");
        }
        return StoreSpec.parse(text).with(extra, extraName);
    }

    /** Thrown for a store that cannot be opened as given: the user's mistake, exit code 2. */
    private static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Usage(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T open(StoreSpec s, String side, boolean accounts, List<AutoCloseable> opened) {
        StorageProvider provider = null;
        TreeSet<String> known = new TreeSet<>();
        for (StorageProvider p :
                ServiceLoader.load(StorageProvider.class, MigrateStorageCommand.class.getClassLoader())) {
            known.add(p.id());
            if (p.id().equals(s.provider())) {
                provider = p;
            }
        }
        if (provider == null) {
            throw new Usage(
                    side + ": no storage provider '" + s.provider() + "' on the class path (known: "
                            + String.join(", ", known) + ")",
                    null);
        }
        StorageSettings settings = new StorageSettings(Options.of(s.options()), java.time.Clock.systemUTC(), serverId);
        String what = accounts ? "accounts" : "mailboxes";
        try {
            AutoCloseable store = accounts ? provider.openAccounts(settings) : provider.openMailboxes(settings);
            opened.add(store);
            return (T) store;
        } catch (IllegalArgumentException e) {
            throw new Usage(side + " " + s + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new Usage(side + ": provider '" + s.provider() + "' cannot hold " + what, e);
        } catch (StorageException e) {
            throw new StorageException(
                    "opening the " + what + " of " + side + " " + s + " failed: " + e.getMessage(), e);
        }
    }

    private static String describe(Sides s) {
        String src = s.fromAccounts.equals(s.fromMailboxes)
                ? s.fromAccounts.toString()
                : "accounts " + s.fromAccounts + ", mailboxes " + s.fromMailboxes;
        String dst = s.toAccounts.equals(s.toMailboxes)
                ? s.toAccounts.toString()
                : "accounts " + s.toAccounts + ", mailboxes " + s.toMailboxes;
        return "from " + src + " to " + dst;
    }

    private MigrationListener listener(PrintWriter out, PrintWriter err) {
        MigrationListener display =
                quiet ? MigrationListener.NONE : new ProgressDisplay(err, System.console() != null, System::nanoTime);
        return new MigrationListener() {
            @Override
            public void onProgress(MigrationProgress progress) {
                display.onProgress(progress);
            }

            @Override
            public void onRepair(TextRepair r) {
                display.onRepair(r);
            }

            @Override
            public void onWarning(String warning) {
                display.onWarning(warning);
            }

            @Override
            public void onFolderVerified(FolderCheck c) {
                if (listFolders) {
                    out.println(folderLine(c));
                }
            }
        };
    }

    static String folderLine(FolderCheck c) {
        return String.format(
                Locale.ROOT,
                "  %s %s/%s: %d messages, UIDVALIDITY %d, UIDNEXT %d, SHA-256 %s",
                c.ok() ? "ok  " : "DIFF",
                c.account(),
                c.folder(),
                c.source().messages(),
                c.source().uidValidity(),
                c.source().uidNext(),
                c.source().digest().isEmpty() ? "-" : c.source().digest().substring(0, 16));
    }

    private static void printCopy(PrintWriter out, MigrationReport r) {
        out.println("copied: domains " + tally(r.domains()) + "; accounts " + tally(r.accounts()) + "; groups "
                + tally(r.groups()));
        out.printf(
                Locale.ROOT,
                "copied: %d mailboxes, %d messages (%s), flags brought up to date on %d, %d removed as expunged at the"
                        + " source%n",
                r.mailboxes(),
                r.messagesCopied(),
                ProgressDisplay.bytes(r.bytesCopied()),
                r.flagsUpdated(),
                r.messagesRemoved());
        if (r.repairCount() > 0) {
            out.println("text fields with invalid characters: " + r.repairCount());
            r.repairs().forEach(x -> out.println("  " + x));
        }
        if (r.warningCount() > 0) {
            out.println("warnings: " + r.warningCount());
            r.warnings().forEach(w -> out.println("  " + w));
        }
    }

    private static String tally(MigrationReport.Tally t) {
        return t.created() + " created, " + t.updated() + " updated, " + t.unchanged() + " unchanged";
    }

    private static void printVerification(PrintWriter out, Verification v) {
        out.printf(
                Locale.ROOT,
                "verified: %d domains, %d accounts, %d groups, %d folders, %d messages (%s)%n",
                v.domains(),
                v.accounts(),
                v.groups(),
                v.folders(),
                v.messages(),
                ProgressDisplay.bytes(v.bytes()));
        if (v.ok()) {
            out.println("verification: OK, source and target are equal");
        } else {
            out.println("verification: " + v.mismatchCount() + " difference(s):");
            v.mismatches().forEach(m -> out.println("  " + m));
            if (v.mismatchCount() > v.mismatches().size()) {
                out.println("  ... and " + (v.mismatchCount() - v.mismatches().size()) + " more");
            }
        }
    }
}
