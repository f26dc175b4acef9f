package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.icewarp.storage.migration.MigrationProgress;
import org.icewarp.storage.migration.MigrationProgress.Phase;
import org.icewarp.storage.migration.TextRepair;
import org.junit.jupiter.api.Test;

/** The progress display of migrate-storage, with a settable clock. */
class ProgressDisplayTest {
    private final StringWriter text = new StringWriter();
    private long now;

    private ProgressDisplay display(boolean terminal) {
        return new ProgressDisplay(new PrintWriter(text, true), terminal, () -> now);
    }

    private static MigrationProgress at(Phase phase, long done, long messages) {
        return new MigrationProgress(phase, done, 10, messages, messages * 2048, "john@example.com/INBOX");
    }

    @Test
    void withoutATerminalItWritesALinePerPhaseAndThenAtMostEveryTenSeconds() {
        ProgressDisplay d = display(false);
        d.onProgress(at(Phase.MAILBOXES, 0, 0));
        now += 9_000_000_000L;
        d.onProgress(at(Phase.MAILBOXES, 1, 100));
        now += 1_000_000_000L;
        d.onProgress(at(Phase.MAILBOXES, 2, 200));
        d.onProgress(at(Phase.VERIFICATION, 0, 200));

        assertThat(text.toString().lines())
                .containsExactly(
                        "migrate-storage: mailboxes: accounts 0/10, 0 messages, 0 B copied - john@example.com/INBOX",
                        "migrate-storage: mailboxes: accounts 2/10, 200 messages, 400.0 KiB copied - john@example.com/INBOX",
                        "migrate-storage: verification: accounts 0/10, 200 messages, 400.0 KiB copied - john@example.com/INBOX");
    }

    @Test
    void onATerminalItRedrawsOneLineAndKeepsRepairsAboveIt() {
        ProgressDisplay d = display(true);
        d.onProgress(at(Phase.MAILBOXES, 0, 0));
        now += 300_000_000L;
        d.onProgress(at(Phase.MAILBOXES, 1, 1));
        d.onRepair(new TextRepair("account a@example.com", "fullName", "A\u0000", "A", true));
        d.onProgress(new MigrationProgress(Phase.DONE, 10, 10, 5, 10, ""));

        String s = text.toString();
        assertThat(s).startsWith("\rmigrate-storage: mailboxes: accounts 0/10");
        assertThat(s).contains("\rmigrate-storage: mailboxes: accounts 1/10");
        assertThat(s)
                .contains("migrate-storage: repaired account a@example.com: fullName \"A\\u0000\" -> \"A\" (repaired)");
        assertThat(s)
                .endsWith("\rmigrate-storage: done: accounts 10/10, 5 messages, 10 B copied" + System.lineSeparator());
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertThat(ProgressDisplay.bytes(1023)).isEqualTo("1023 B");
        assertThat(ProgressDisplay.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressDisplay.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    }
}
