package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.StorageUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The group commit keeps accounts apart: a locked mailbox stalls its own account's appends only, for a bounded time. */
class GroupCommitIsolationTest {
    private static final EmailAddress LOCKED = EmailAddress.parse("locked@example.com");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase database;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (database != null) {
            database.close();
        }
    }

    /** Accounts that the former 64 hash lanes put together with {@link #LOCKED}. */
    private static List<EmailAddress> sameFormerLane(int n) {
        int lane = Math.floorMod(MailboxSql.key(LOCKED).hashCode(), 64);
        List<EmailAddress> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            EmailAddress a = EmailAddress.parse("user" + i + "@example.com");
            if (Math.floorMod(MailboxSql.key(a).hashCode(), 64) == lane) {
                out.add(a);
            }
        }
        return out;
    }

    private static AppendResult append(MailboxStore store, EmailAddress account) {
        return store.append(account, FolderName.INBOX, new ByteArrayInputStream(new byte[100]), AppendRequest.at(T0));
    }

    /** Holds {@link #LOCKED}'s mailbox row in an open transaction, as a long EXPUNGE or recount would. */
    private Connection lockMailbox() throws Exception {
        Connection c = database.connect();
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM iw_mailboxes WHERE account_key = ? FOR UPDATE")) {
            p.setString(1, MailboxSql.key(LOCKED));
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
            }
        }
        return c;
    }

    private static boolean waitsForTheMailboxLock(Thread t) {
        return t != null
                && Arrays.stream(t.getStackTrace())
                        .anyMatch(e -> e.getMethodName().equals("lockMailbox"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLockedMailboxDelaysOnlyItsOwnAccountAndItsQueuedAppendsGiveUpInTime(Engine engine) throws Exception {
        database = engine.fresh(dir);
        StorageSettings settings =
                StorageSettings.of(Options.of(database.options()).with("group-commit.max-wait", "1000"));
        List<EmailAddress> others = sameFormerLane(3);
        try (MailboxStore store = new JdbcStorageProvider().openMailboxes(settings)) {
            store.createMailbox(LOCKED);
            others.forEach(store::createMailbox);
            try (Connection holder = lockMailbox()) {
                Thread[] writer = new Thread[1];
                Future<AppendResult> first = pool.submit(() -> {
                    writer[0] = Thread.currentThread();
                    return append(store, LOCKED);
                });
                await().atMost(Duration.ofSeconds(20)).until(() -> waitsForTheMailboxLock(writer[0]));

                for (EmailAddress other : others) {
                    CompletableFuture<AppendResult> f = CompletableFuture.supplyAsync(() -> append(store, other), pool);
                    assertThat(f.get(10, TimeUnit.SECONDS).uid())
                            .as("an append to another account while " + LOCKED + " is locked")
                            .isEqualTo(1);
                }
                Future<AppendResult> queued = pool.submit(() -> append(store, LOCKED));
                assertThatThrownBy(() -> queued.get(20, TimeUnit.SECONDS))
                        .as("an append queued behind the stalled batch gives up after group-commit.max-wait")
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(StorageUnavailableException.class)
                        .hasMessageContaining("group-commit.max-wait");
                holder.commit();
                assertThat(first.get(30, TimeUnit.SECONDS).uid()).isEqualTo(1);
            }
            assertThat(store.status(LOCKED, FolderName.INBOX).messages())
                    .as("the append that gave up wrote nothing")
                    .isEqualTo(1);
            assertThat(((JdbcMailboxStore) store).activeQueues()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAppenderHasHeardItsOwnMessageWhenAppendReturns(Engine engine) throws Exception {
        database = engine.fresh(dir);
        EmailAddress john = EmailAddress.parse("john@example.com");
        try (MailboxStore store = new JdbcStorageProvider().openMailboxes(database.settings())) {
            store.createMailbox(john);
            store.createFolder(john, FolderName.of("Other"), Set.of());
            List<MailboxEvent> heard = new CopyOnWriteArrayList<>();
            store.addListener(heard::add);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> late = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                late.add(pool.submit(() -> {
                    start.await();
                    int notYet = 0;
                    for (int i = 0; i < 40; i++) {
                        AppendResult r = append(store, john);
                        if (!heard.contains(
                                new MailboxEvent.MessageAdded(john, FolderName.INBOX, r.uidValidity(), r.uid()))) {
                            notYet++;
                        }
                    }
                    return notYet;
                }));
            }
            start.countDown();
            int notYet = 0;
            for (Future<Integer> f : late) {
                notYet += f.get(3, TimeUnit.MINUTES);
            }
            assertThat(notYet)
                    .as("appends whose event was not heard when they returned")
                    .isZero();
        }
    }
}
