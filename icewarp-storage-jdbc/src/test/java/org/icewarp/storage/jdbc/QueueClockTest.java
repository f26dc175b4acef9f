package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.Options;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.StorageSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two servers share a queue; one's clock runs six minutes ahead. Leases and due times follow the database's clock, so
 * the fast server neither steals a live five-minute lease nor delays what it queues.
 */
class QueueClockTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration AHEAD = Duration.ofMinutes(6);

    @TempDir
    Path dir;

    private TestDatabase database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static Envelope envelope() {
        return new Envelope(
                "s@example.com",
                List.of(new QueueRecipient("r@remote.example", Set.of(DsnNotify.FAILURE), "")),
                Instant.parse("2026-11-23T10:00:00Z"),
                "",
                false);
    }

    private QueueStore server(Clock clock) {
        // explicit for H2 too: its default (embedded, one JVM) is the caller's clock
        Options o = Options.of(database.options()).with("queue.clock", "database");
        return new JdbcStorageProvider().openQueue(new StorageSettings(o, clock, ""));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aServerWhoseClockRunsAheadNeitherStealsLiveLeasesNorQueuesLate(Engine engine) {
        database = engine.fresh(dir);
        Clock right = Clock.systemUTC();
        Clock fast = Clock.offset(Clock.systemUTC(), AHEAD);
        try (QueueStore a = server(right);
                QueueStore b = server(fast)) {
            QueueId id = a.enqueue(envelope(), new ByteArrayInputStream(new byte[10]), right.instant());
            List<QueuedMessage> leased = a.lease("a-1", 10, LEASE, right.instant());
            assertThat(leased).extracting(QueuedMessage::id).containsExactly(id);

            assertThat(b.lease("b-1", 10, LEASE, fast.instant()))
                    .as("a live lease, seen from a clock six minutes ahead")
                    .isEmpty();
            assertThatThrownBy(() -> b.complete(id, "b-1", fast.instant())).isInstanceOf(ConflictException.class);
            a.complete(id, "a-1", right.instant());

            QueueId fromB = b.enqueue(envelope(), new ByteArrayInputStream(new byte[10]), fast.instant());
            assertThat(a.lease("a-1", 10, LEASE, right.instant()))
                    .as("queued by the fast server, due at once for the others")
                    .extracting(QueuedMessage::id)
                    .containsExactly(fromB);
            QueuedMessage seenByB = b.find(fromB).orElseThrow();
            assertThat(Duration.between(fast.instant(), seenByB.leaseExpires()))
                    .as("times read back are in the reader's own time line")
                    .isBetween(LEASE.minusSeconds(30), LEASE.plusSeconds(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void withTheCallersClockTheArgumentsAreUsedAsTheyAre(Engine engine) {
        database = engine.fresh(dir);
        Clock fast = Clock.offset(Clock.systemUTC(), AHEAD);
        Options o = Options.of(database.options()).with("queue.clock", "caller");
        try (QueueStore a = new JdbcStorageProvider().openQueue(StorageSettings.of(o));
                QueueStore b = new JdbcStorageProvider().openQueue(new StorageSettings(o, fast, ""))) {
            QueueId id = a.enqueue(envelope(), new ByteArrayInputStream(new byte[10]), Instant.now());
            a.lease("a-1", 10, LEASE, Instant.now());
            assertThat(b.lease("b-1", 10, LEASE, fast.instant()))
                    .as("the documented cost of queue.clock=caller: skew shortens leases")
                    .extracting(QueuedMessage::id)
                    .containsExactly(id);
        }
    }
}
