package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Failures that running again cannot cure are reported as such, not as an outage a caller would retry for ever. */
class PermanentErrorTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static Envelope envelope(String sender) {
        return new Envelope(
                sender, List.of(new QueueRecipient("r@remote.example", Set.of(DsnNotify.FAILURE), "")), T0, "", false);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFolderDeletedBeforeItIsLockedIsNotFound(Engine engine) throws Exception {
        database = engine.fresh(dir);
        try (MailboxStore store = new JdbcStorageProvider().openMailboxes(database.settings());
                Connection c = database.connect()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> MailboxSql.lockFolder(c, 424_242)).isInstanceOf(NotFoundException.class);
            c.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTimeBeyondTheStorableRangeIsABadArgument(Engine engine) {
        database = engine.fresh(dir);
        try (QueueStore queue = new JdbcStorageProvider().openQueue(database.settings())) {
            QueueId id = queue.enqueue(envelope("s@example.com"), new ByteArrayInputStream(new byte[1]), T0);
            queue.lease("n", 1, Duration.ofMinutes(5), T0);
            assertThatThrownBy(() -> queue.reschedule(id, "n", Instant.MAX, T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("range");
            assertThat(queue.find(id).orElseThrow().leaseOwner()).isEqualTo("n");
        }
    }

    @Test
    void aValueTooLongForItsColumnIsABadArgument() {
        // H2 stores the sender in VARCHAR(1000); PostgreSQL and MariaDB use TEXT
        database = Engine.H2.fresh(dir);
        try (QueueStore queue = new JdbcStorageProvider().openQueue(database.settings())) {
            assertThatThrownBy(() -> queue.enqueue(
                            envelope("s".repeat(1_001) + "@example.com"), new ByteArrayInputStream(new byte[1]), T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not fit");
            assertThat(queue.list(org.icewarp.storage.PageRequest.first(10)).items())
                    .isEmpty();
        }
    }
}
