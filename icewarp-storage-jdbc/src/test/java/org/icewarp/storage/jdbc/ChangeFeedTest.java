package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The change feed between two stores on one database, in the conditions that used to stop it. */
class ChangeFeedTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final long FAR = 3_000_000_000L;

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

    private static String restartIds(Engine engine, long at) {
        return engine == Engine.MARIADB
                ? "ALTER TABLE iw_change_log AUTO_INCREMENT = " + at
                : "ALTER TABLE iw_change_log ALTER COLUMN id RESTART WITH " + at;
    }

    private MailboxEvent append(MailboxStore store) {
        AppendResult r =
                store.append(JOHN, FolderName.INBOX, new ByteArrayInputStream(new byte[10]), AppendRequest.at(T0));
        return new MailboxEvent.MessageAdded(JOHN, FolderName.INBOX, r.uidValidity(), r.uid());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aStoreOpenedOnAnEmptiedLogWithHighIdsKeepsHearingChanges(Engine engine) throws Exception {
        database = engine.fresh(dir);
        MailboxStore a = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        a.createMailbox(JOHN);
        // months of changes, then a quiet night: the sequence is far up and the log is empty
        database.execute(restartIds(engine, FAR), "DELETE FROM iw_change_log");
        MailboxStore b = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        List<MailboxEvent> heard = new CopyOnWriteArrayList<>();
        b.addListener(heard::add);

        for (int i = 0; i < 3; i++) {
            MailboxEvent added = append(a);
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(added));
        }
        assertThat(((JdbcMailboxStore) b).missingChanges())
                .as("ids waited for are bounded")
                .isLessThanOrEqualTo(ChangeFeed.MAX_MISSING);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pruningKeepsTheNewestRowSoALaterStoreStartsAtTheEndOfTheSequence(Engine engine) throws Exception {
        database = engine.fresh(dir);
        MailboxStore a = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        a.createMailbox(JOHN);
        append(a);
        append(a);
        long newest = database.queryLong("SELECT MAX(id) FROM iw_change_log");
        assertThat(database.queryLong("SELECT COUNT(*) FROM iw_change_log")).isGreaterThan(1);
        // a store whose clock is past the retention of every row prunes at once
        Clock later = Clock.offset(Clock.systemUTC(), ChangeFeed.RETENTION.plusMinutes(5));
        keep(new JdbcStorageProvider().openMailboxes(new StorageSettings(Options.of(database.options()), later, "")));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> database.queryLong("SELECT COUNT(*) FROM iw_change_log") <= 1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM iw_change_log")).isEqualTo(1);
        assertThat(database.queryLong("SELECT MAX(id) FROM iw_change_log")).isEqualTo(newest);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aListenerThatThrowsAnErrorDoesNotStopTheFeed(Engine engine) {
        database = engine.fresh(dir);
        MailboxStore a = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        MailboxStore b = keep(new JdbcStorageProvider().openMailboxes(database.settings()));
        a.createMailbox(JOHN);
        AtomicBoolean thrown = new AtomicBoolean();
        List<MailboxEvent> heard = new CopyOnWriteArrayList<>();
        b.addListener(e -> {
            if (e instanceof MailboxEvent.MessageAdded && thrown.compareAndSet(false, true)) {
                throw new LinkageError("a listener's bug");
            }
            heard.add(e);
        });
        append(a);
        await().atMost(Duration.ofSeconds(20)).untilTrue(thrown);
        MailboxEvent next = append(a);
        await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(next));
    }
}
