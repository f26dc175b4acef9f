package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.UidSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two stores on one database stand for two servers sharing it. */
class SharedDatabaseTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase database;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void listenersOnAnotherServerHearCommittedChanges(Engine engine) {
        database = engine.fresh(dir);
        MailboxStore a = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        MailboxStore b = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        List<MailboxEvent> heardByB = new CopyOnWriteArrayList<>();
        List<MailboxEvent> heardByA = new CopyOnWriteArrayList<>();
        b.addListener(heardByB::add);
        a.addListener(heardByA::add);

        a.createMailbox(JOHN);
        long start = System.nanoTime();
        AppendResult r = a.append(
                JOHN,
                FolderName.INBOX,
                new ByteArrayInputStream("Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                AppendRequest.at(T0));
        MailboxEvent added = new MailboxEvent.MessageAdded(JOHN, FolderName.INBOX, r.uidValidity(), r.uid());
        await().pollInterval(Duration.ofMillis(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> heardByB.contains(added));
        System.err.printf(
                "[icewarp-storage-jdbc] %s: another store heard an append after %.1f ms%n",
                engine, (System.nanoTime() - start) / 1e6);
        a.updateFlags(
                JOHN, FolderName.INBOX, UidSet.of(r.uid()), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.SEEN)));
        a.renameFolder(JOHN, FolderName.INBOX, FolderName.of("Old/Inbox"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heardByB)
                        .containsSubsequence(
                                new MailboxEvent.FolderChanged(
                                        JOHN, FolderName.INBOX, MailboxEvent.FolderChanged.Kind.CREATED, null),
                                added)
                        .anyMatch(e -> e instanceof MailboxEvent.FlagsChanged f
                                && f.messages().get(0).flags().has(Flag.SEEN))
                        .contains(new MailboxEvent.MessagesExpunged(JOHN, FolderName.INBOX, List.of(r.uid()))));
        assertThat(heardByA)
                .as("a store's own listeners hear its changes once, directly")
                .containsOnlyOnce(added);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void changesCommittedConcurrentlyReachAnotherServerExactlyOnce(Engine engine) throws Exception {
        database = engine.fresh(dir);
        MailboxStore a = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        MailboxStore b = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        List<MailboxEvent> heard = new CopyOnWriteArrayList<>();
        b.addListener(e -> {
            if (e instanceof MailboxEvent.MessageAdded) {
                heard.add(e);
            }
        });
        int threads = 4;
        int each = 50;
        List<EmailAddress> accounts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            accounts.add(EmailAddress.parse("user" + t + "@example.com"));
            a.createMailbox(accounts.get(t));
        }
        // one account per thread: the appends commit in parallel, so change-log ids commit out of order
        List<MailboxEvent> sent = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (EmailAddress account : accounts) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        AppendResult r = a.append(
                                account,
                                FolderName.INBOX,
                                new ByteArrayInputStream(new byte[10]),
                                AppendRequest.at(T0));
                        sent.add(new MailboxEvent.MessageAdded(account, FolderName.INBOX, r.uidValidity(), r.uid()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> heard.size() >= sent.size());
        assertThat(heard).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void onPostgresAnotherServerHearsAChangeLongBeforeThePollInterval() {
        database = Engine.POSTGRES.fresh(dir);
        MailboxStore a = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        MailboxStore b =
                keep(new JdbcStorageProvider().openMailboxes(database.settings("notify.poll-interval", "60000")));
        a.createMailbox(JOHN);
        List<MailboxEvent> heard = new CopyOnWriteArrayList<>();
        b.addListener(heard::add);
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            AppendResult r =
                    a.append(JOHN, FolderName.INBOX, new ByteArrayInputStream(new byte[100]), AppendRequest.at(T0));
            MailboxEvent added = new MailboxEvent.MessageAdded(JOHN, FolderName.INBOX, r.uidValidity(), r.uid());
            await().pollInterval(Duration.ofMillis(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> heard.contains(added));
            worst = Math.max(worst, System.nanoTime() - start);
        }
        System.err.printf(
                "[icewarp-storage-jdbc] POSTGRES LISTEN/NOTIFY: worst of 5 appends heard after %.1f ms%n", worst / 1e6);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void leasersOnTwoServersNeverGetTheSameMessage(Engine engine) throws Exception {
        database = engine.fresh(dir);
        QueueStore[] servers = {
            keep(new JdbcStorageProvider().openQueue(database.settings())),
            keep(new JdbcStorageProvider().openQueue(database.settings()))
        };
        int messages = 300;
        for (int i = 0; i < messages; i++) {
            servers[i % 2].enqueue(
                    new Envelope(
                            "s@example.com",
                            List.of(new QueueRecipient("r@remote.example", Set.of(DsnNotify.FAILURE), "")),
                            T0,
                            "",
                            false),
                    new ByteArrayInputStream(("m" + i).getBytes(StandardCharsets.US_ASCII)),
                    T0);
        }
        int leasers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(leasers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<QueueId>>> results = new ArrayList<>();
            for (int t = 0; t < leasers; t++) {
                QueueStore store = servers[t % 2];
                String owner = "server-" + (t % 2) + "-worker-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<QueueId> mine = new ArrayList<>();
                    for (List<QueuedMessage> batch;
                            !(batch = store.lease(owner, 5, Duration.ofMinutes(5), T0)).isEmpty(); ) {
                        for (QueuedMessage m : batch) {
                            assertThat(m.leaseOwner()).isEqualTo(owner);
                            mine.add(m.id());
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<QueueId> all = new ArrayList<>();
            for (Future<List<QueueId>> f : results) {
                all.addAll(f.get(2, TimeUnit.MINUTES));
            }
            assertThat(all).hasSize(messages).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }
}
