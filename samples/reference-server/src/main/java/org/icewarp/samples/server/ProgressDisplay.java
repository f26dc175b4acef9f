package org.icewarp.samples.server;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.icewarp.storage.migration.MigrationListener;
import org.icewarp.storage.migration.MigrationProgress;
import org.icewarp.storage.migration.TextRepair;

/**
 * The progress of {@code migrate-storage} on standard error. On a terminal one status line is redrawn in place (at most
 * five times a second); otherwise a line is written when a phase begins and then at most every ten seconds, so that a
 * log file stays readable. Repairs and warnings are written as they come, each on its own line.
 */
final class ProgressDisplay implements MigrationListener {
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private long lastDraw = Long.MIN_VALUE;
    private MigrationProgress.Phase lastPhase;
    private int drawnWidth;

    ProgressDisplay(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    @Override
    public void onProgress(MigrationProgress p) {
        long now = nanoTime.getAsLong();
        boolean newPhase = p.phase() != lastPhase;
        if (!newPhase && lastDraw != Long.MIN_VALUE && now - lastDraw < intervalNanos) {
            return;
        }
        lastPhase = p.phase();
        lastDraw = now;
        String line = line(p);
        if (terminal) {
            String padded = line.length() < drawnWidth ? line + " ".repeat(drawnWidth - line.length()) : line;
            err.print("\r" + padded);
            drawnWidth = line.length();
            if (p.phase() == MigrationProgress.Phase.DONE) {
                err.println();
                drawnWidth = 0;
            }
        } else {
            err.println(line);
        }
        err.flush();
    }

    static String line(MigrationProgress p) {
        String phase = p.phase().name().toLowerCase(Locale.ROOT);
        String s = String.format(
                Locale.ROOT,
                "migrate-storage: %s: accounts %d/%d, %d messages, %s copied",
                phase,
                p.accountsDone(),
                p.accountsTotal(),
                p.messagesCopied(),
                bytes(p.bytesCopied()));
        return p.current().isEmpty() ? s : s + " - " + p.current();
    }

    @Override
    public void onRepair(TextRepair repair) {
        above("migrate-storage: " + (repair.applied() ? "repaired " : "invalid text (use --repair-utf8) ") + repair);
    }

    @Override
    public void onWarning(String warning) {
        above("migrate-storage: warning: " + warning);
    }

    /** Writes a line above the status line, which is redrawn with the next progress. */
    private void above(String line) {
        if (terminal && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
            lastDraw = Long.MIN_VALUE;
        }
        err.println(line);
        err.flush();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
