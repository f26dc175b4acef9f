package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several stores on one mail path in one JVM: POSIX locks belong to the process and closing any descriptor of a file
 * releases them all, so the stores share one channel per lock file ({@link ProcessLocks}).
 */
class ProcessLocksTest {
    @TempDir
    Path root;

    private MailboxStore mailboxes(String serverId) {
        return new FsStorageProvider().openMailboxes(Fixtures.settings(root, serverId, AppendChild.OPTIONS));
    }

    private List<Path> writeAreaLocks() throws Exception {
        try (Stream<Path> s = Files.list(root.resolve(WriteArea.DIR))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".lock")).toList();
        }
    }

    @Test
    void storesOfOneJvmKeepTheirWriteAreaLockedAgainstAnotherProcess() throws Exception {
        MailboxStore first = mailboxes("00");
        List<Path> locks = writeAreaLocks();
        assertThat(locks).hasSize(1);
        Path lockFile = locks.get(0);
        Path area = lockFile.resolveSibling(lockFile.getFileName().toString().replace(".lock", ""));
        first.createMailbox(AppendChild.ACCOUNT);
        first.append(AppendChild.ACCOUNT, FolderName.INBOX, Fixtures.text("one"), AppendRequest.at(Fixtures.T0));

        // each of these sweeps the write areas, meeting the first store's, and locks folders and the queue
        MailboxStore second = mailboxes("00");
        second.append(AppendChild.ACCOUNT, FolderName.INBOX, Fixtures.text("two"), AppendRequest.at(Fixtures.T0));
        QueueStore queue = new FsStorageProvider().openQueue(Fixtures.settings(root, "00"));
        QueueStore queue2 = new FsStorageProvider().openQueue(Fixtures.settings(root, "00"));
        AccountStore accounts = new FsStorageProvider().openAccounts(Fixtures.settings(root, "00"));
        second.close();
        queue2.close();
        assertThat(ProcessLocks.registered(lockFile)).isTrue();

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockProbeChild.class.getName(),
                        root.toString(),
                        lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(out).containsExactly("HELD", "OPENED");

        assertThat(area).isDirectory();
        assertThat(lockFile).exists();
        assertThat(first.append(
                                AppendChild.ACCOUNT,
                                FolderName.INBOX,
                                Fixtures.text("three"),
                                AppendRequest.at(Fixtures.T0))
                        .uid())
                .isEqualTo(3);
        assertThat(first.status(AppendChild.ACCOUNT, FolderName.INBOX).messages())
                .isEqualTo(3);
        accounts.close();
        queue.close();
        first.close();
        assertThat(area).doesNotExist();
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void twoMailboxStoresOfOneJvmAppendConcurrentlyToOneFolder() throws Exception {
        MailboxStore a = mailboxes("01");
        MailboxStore b = mailboxes("02");
        a.createMailbox(AppendChild.ACCOUNT);
        int threads = 4;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 2 * threads; t++) {
                MailboxStore store = t % 2 == 0 ? a : b;
                String tag = "t" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> uids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        uids.add(store.append(
                                        AppendChild.ACCOUNT,
                                        FolderName.INBOX,
                                        new java.io.ByteArrayInputStream(Fixtures.message(tag, i)),
                                        AppendRequest.at(Fixtures.T0))
                                .uid());
                    }
                    return uids;
                }));
            }
            start.countDown();
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : results) {
                for (long uid : f.get(120, TimeUnit.SECONDS)) {
                    assertThat(all.add(uid)).as("UID %d given twice", uid).isTrue();
                }
            }
            long total = 2L * threads * each;
            assertThat(all).hasSize((int) total);
            assertThat(a.status(AppendChild.ACCOUNT, FolderName.INBOX).messages())
                    .isEqualTo(total);
            assertThat(b.status(AppendChild.ACCOUNT, FolderName.INBOX).messages())
                    .isEqualTo(total);
        } finally {
            pool.shutdownNow();
            a.close();
            b.close();
        }
    }
}
