package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.AccountUsage;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Appends written together by the group commit each get their own content, UID and outcome: many appenders on a few
 * accounts and folders (some missing), every acknowledged UID read back with the bytes its appender sent.
 */
class GroupCommitTest {
    private static final List<EmailAddress> ACCOUNTS =
            List.of(EmailAddress.parse("a@example.com"), EmailAddress.parse("b@example.com"));

    @TempDir
    Path dir;

    private TestDatabase database;

    @AfterEach
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void batchedAppendsKeepTheirOwnContentAndOutcome(Engine engine) throws Exception {
        database = engine.fresh(dir);
        int threads = 8;
        int each = 150;
        Map<String, String> stored = new ConcurrentHashMap<>();
        try (MailboxStore store = new JdbcStorageProvider().openMailboxes(database.settings())) {
            for (EmailAddress a : ACCOUNTS) {
                store.createMailbox(a);
                store.createFolder(a, FolderName.of("Other"), Set.of());
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> missing = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    missing.add(pool.submit(() -> {
                        start.await();
                        int notFound = 0;
                        for (int i = 0; i < each; i++) {
                            EmailAddress account = ACCOUNTS.get((thread + i) % 2);
                            FolderName folder = i % 10 == 9
                                    ? FolderName.of("Missing")
                                    : i % 3 == 0 ? FolderName.of("Other") : FolderName.INBOX;
                            String body = "Subject: " + thread + "/" + i + "\r\n\r\n" + "x".repeat(i * 7);
                            Flags flags = i % 2 == 0 ? Flags.of(Flag.SEEN) : Flags.NONE;
                            try {
                                AppendResult r = store.append(
                                        account,
                                        folder,
                                        new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                                        new AppendRequest(flags, Instant.EPOCH, 0));
                                stored.put(account + " " + folder + " " + r.uid(), body);
                            } catch (NotFoundException e) {
                                notFound++;
                            }
                        }
                        return notFound;
                    }));
                }
                start.countDown();
                int notFound = 0;
                for (Future<Integer> f : missing) {
                    notFound += f.get(3, TimeUnit.MINUTES);
                }
                assertThat(notFound).as("appends to the missing folder").isEqualTo(threads * (each / 10));
            } finally {
                pool.shutdownNow();
            }
            assertThat(stored).hasSize(threads * (each - each / 10));
            assertThat(((JdbcMailboxStore) store).averageBatch())
                    .as("appends per group-commit transaction: some batches held several")
                    .isGreaterThan(1.0);
            for (Map.Entry<String, String> e : stored.entrySet()) {
                String[] k = e.getKey().split(" ");
                try (InputStream in = store.open(EmailAddress.parse(k[0]), FolderName.of(k[1]), Long.parseLong(k[2]))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                            .as(e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
            long messages = 0;
            for (EmailAddress a : ACCOUNTS) {
                AccountUsage before = store.usage(a);
                assertThat(store.recount(a))
                        .as("counters kept by the batches equal a recount")
                        .isEqualTo(before);
                messages += before.messages();
                for (FolderName f : List.of(FolderName.INBOX, FolderName.of("Other"))) {
                    var status = store.status(a, f);
                    assertThat(status.uidNext() - 1).as("no UID skipped").isEqualTo(status.messages());
                }
            }
            assertThat(messages).isEqualTo(stored.size());
        }
    }
}
