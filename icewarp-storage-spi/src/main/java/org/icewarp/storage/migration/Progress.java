package org.icewarp.storage.migration;

import java.util.ArrayList;
import java.util.List;
import org.icewarp.storage.migration.MigrationProgress.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counters of one run, and the guarded calls to its listener. Used by one thread. */
final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final MigrationListener listener;
    private Phase phase = Phase.DIRECTORY;
    long accountsDone;
    long accountsTotal;
    long messagesCopied;
    long bytesCopied;
    long flagsUpdated;
    long messagesRemoved;
    long mailboxes;
    private String current = "";
    final List<TextRepair> repairs = new ArrayList<>();
    long repairCount;
    final List<String> warnings = new ArrayList<>();
    long warningCount;

    Progress(MigrationListener listener) {
        this.listener = listener;
    }

    void phase(Phase p) {
        phase = p;
        current = "";
        emit();
    }

    void current(String what) {
        current = what;
        emit();
    }

    void accountDone() {
        accountsDone++;
        emit();
    }

    void copied(long bytes) {
        messagesCopied++;
        bytesCopied += bytes;
        emit();
    }

    void repair(TextRepair r) {
        repairCount++;
        if (repairs.size() < MigrationReport.MAX_LINES) {
            repairs.add(r);
        }
        guard("onRepair", () -> listener.onRepair(r));
    }

    void warn(String w) {
        warningCount++;
        if (warnings.size() < MigrationReport.MAX_LINES) {
            warnings.add(w);
        }
        LOG.warn("storage migration: {}", w);
        guard("onWarning", () -> listener.onWarning(w));
    }

    void verified(FolderCheck check) {
        guard("onFolderVerified", () -> listener.onFolderVerified(check));
    }

    private void emit() {
        MigrationProgress p =
                new MigrationProgress(phase, accountsDone, accountsTotal, messagesCopied, bytesCopied, current);
        guard("onProgress", () -> listener.onProgress(p));
    }

    private static void guard(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("storage migration: the listener's {} failed; the migration goes on", method, e);
        }
    }
}
