package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.UidSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes on one mail path (the seed's load balancing), and processes killed with SIGKILL mid-append. */
class MultiProcessTest {
    @TempDir
    Path root;

    private MailboxStore open(String serverId) {
        return new FsStorageProvider().openMailboxes(Fixtures.settings(root, serverId, AppendChild.OPTIONS));
    }

    @Test
    void twoServersAppendingToOneFolderGetDistinctAscendingUidsAndSeeEachOther() throws Exception {
        MailboxStore here = open("00");
        here.createMailbox(AppendChild.ACCOUNT);
        assertThat(here.status(AppendChild.ACCOUNT, FolderName.INBOX).messages())
                .isZero();
        int each = 150;
        ChildJvm a = ChildJvm.start(root.toString(), "01", "a", Integer.toString(each), "2");
        ChildJvm b = ChildJvm.start(root.toString(), "02", "b", Integer.toString(each), "2");
        Map<Long, String> acked = new HashMap<>();
        for (ChildJvm c : List.of(a, b)) {
            assertThat(c.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(c.process.exitValue()).isZero();
            List<Long> mine = new ArrayList<>();
            for (String line; !(line = c.next()).equals(ChildJvm.EOF); ) {
                String[] p = line.split(" ");
                long uid = Long.parseLong(p[1]);
                assertThat(acked.put(uid, p[2])).as("UID %d given twice", uid).isNull();
                mine.add(uid);
            }
            assertThat(mine).hasSize(2 * each);
        }
        // the store opened before the children picks their records up from the journal tail
        assertThat(here.status(AppendChild.ACCOUNT, FolderName.INBOX).messages())
                .isEqualTo(4L * each);
        assertThat(here.usage(AppendChild.ACCOUNT).messages()).isEqualTo(4L * each);
        verify(here, acked);
        assertThat(here.append(
                                AppendChild.ACCOUNT,
                                FolderName.INBOX,
                                Fixtures.text("after"),
                                AppendRequest.at(Fixtures.T0))
                        .uid())
                .isEqualTo(4L * each + 1);
        here.close();
        assertThat(Fixtures.files(root.resolve("example.com")))
                .filteredOn(f -> f.endsWith(".eml"))
                .anyMatch(f -> f.contains("/01_"))
                .anyMatch(f -> f.contains("/02_"))
                .anyMatch(f -> f.contains("/00_"));
    }

    /**
     * SIGKILL at a random point while four threads append: every acknowledged message is there and intact after the
     * next open, and no UID of an earlier round is given again. {@code -Dicewarp.crash.rounds=N} for more rounds.
     */
    @Test
    void acknowledgedAppendsSurviveSigkillAtRandomPoints() throws Exception {
        int rounds = Integer.getInteger("icewarp.crash.rounds", 5);
        Random random = new Random(20261123L);
        Map<Long, String> acked = new HashMap<>();
        long highest = 0;
        for (int round = 0; round < rounds; round++) {
            ChildJvm child = ChildJvm.start(root.toString(), "-", "crash" + round, "0", "4");
            int killAfter = 1 + random.nextInt(60);
            long lowest = Long.MAX_VALUE;
            for (int n = 0; n < killAfter; n++) {
                String line = child.next();
                assertThat(line).as("round %d: the child died early", round).isNotEqualTo(ChildJvm.EOF);
                String[] p = line.split(" ");
                long uid = Long.parseLong(p[1]);
                assertThat(acked.put(uid, p[2]))
                        .as("UID %d acknowledged twice", uid)
                        .isNull();
                lowest = Math.min(lowest, uid);
            }
            child.process.destroyForcibly();
            assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // lines the child printed before it died are acknowledgements too
            for (String line; !(line = child.next()).equals(ChildJvm.EOF); ) {
                String[] p = line.split(" ");
                acked.put(Long.parseLong(p[1]), p[2]);
            }
            assertThat(lowest).as("round %d reuses no earlier UID", round).isGreaterThan(highest);
            highest = acked.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            MailboxStore store = open("");
            try {
                verify(store, acked);
                assertThat(store.status(AppendChild.ACCOUNT, FolderName.INBOX).uidNext())
                        .isGreaterThan(highest);
                // only the verifying store's own area is left (it writes message files from the journal there)
                assertThat(Fixtures.files(root.resolve(WriteArea.DIR)).stream()
                                .map(f -> f.replaceAll("(\\.lock|/.*)$", ""))
                                .distinct())
                        .as("the dead child's temporary files are gone")
                        .hasSize(1);
            } finally {
                store.close();
            }
        }
    }

    private static void verify(MailboxStore store, Map<Long, String> acked) throws Exception {
        Map<Long, MessageMetadata> listed = new HashMap<>();
        for (MessageMetadata m : store.messages(AppendChild.ACCOUNT, FolderName.INBOX, UidSet.ALL)) {
            listed.put(m.uid(), m);
        }
        for (Map.Entry<Long, String> e : acked.entrySet()) {
            assertThat(listed).as("acknowledged UID %d is listed", e.getKey()).containsKey(e.getKey());
            try (InputStream in = store.open(AppendChild.ACCOUNT, FolderName.INBOX, e.getKey())) {
                byte[] content = in.readAllBytes();
                assertThat(Fixtures.sha256(content))
                        .as("UID %d is intact", e.getKey())
                        .isEqualTo(e.getValue());
                assertThat((long) content.length)
                        .isEqualTo(listed.get(e.getKey()).size());
            }
        }
    }
}
