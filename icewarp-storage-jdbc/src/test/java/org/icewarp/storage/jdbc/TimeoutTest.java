package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.StorageUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Operations fail within the configured timeouts instead of hanging on a held lock or a silent network. */
class TimeoutTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLockHeldElsewhereFailsTheOperationAfterLockTimeoutAndItsRetries(Engine engine) throws Exception {
        database = engine.fresh(dir);
        // one connection, so the second attempt shows that a rollback did not undo the session's lock timeout
        StorageSettings settings = StorageSettings.of(Options.of(database.options())
                .with("lock-timeout", "1000")
                .with("lock-retries", "1")
                .with("pool.maximum-size", "2"));
        try (MailboxStore store = new JdbcStorageProvider().openMailboxes(settings)) {
            store.createMailbox(JOHN);
            try (Connection holder = database.connect()) {
                holder.setAutoCommit(false);
                try (PreparedStatement p =
                        holder.prepareStatement("SELECT id FROM iw_mailboxes WHERE account_key = ? FOR UPDATE")) {
                    p.setString(1, MailboxSql.key(JOHN));
                    try (ResultSet r = p.executeQuery()) {
                        assertThat(r.next()).isTrue();
                    }
                }
                for (int i = 0; i < 2; i++) {
                    Future<?> append = pool.submit(() -> store.append(
                            JOHN, FolderName.INBOX, new ByteArrayInputStream(new byte[10]), AppendRequest.at(T0)));
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> append.get(20, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(StorageUnavailableException.class)
                            .cause()
                            .hasMessageContaining("lock-timeout")
                            .hasMessageContaining("2 time(s)");
                    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1_500);
                }
                holder.rollback();
            }
            store.append(JOHN, FolderName.INBOX, new ByteArrayInputStream(new byte[10]), AppendRequest.at(T0));
            assertThat(store.status(JOHN, FolderName.INBOX).messages()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"POSTGRES", "MARIADB"})
    void aStatementOnASilentNetworkFailsAfterTheSocketTimeout(Engine engine) throws Exception {
        database = engine.fresh(dir);
        String url = database.options().get("url");
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() > 0 ? uri.getPort() : engine == Engine.POSTGRES ? 5432 : 3306;
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        try (CuttableProxy proxy = new CuttableProxy(uri.getHost(), port)) {
            StorageSettings settings = StorageSettings.of(Options.of(database.options())
                    .with("url", url.replace("//" + hostPort, "//127.0.0.1:" + proxy.port()))
                    .with("socket-timeout", "2000")
                    .with("lock-timeout", "1000")
                    .with("pool.maximum-size", "1")
                    .with("pool.minimum-idle", "1"));
            try (QueueStore queue = new JdbcStorageProvider().openQueue(settings)) {
                QueueId id = queue.enqueue(
                        new Envelope(
                                "s@example.com",
                                List.of(new QueueRecipient("r@remote.example", Set.of(DsnNotify.FAILURE), "")),
                                T0,
                                "",
                                false),
                        new ByteArrayInputStream(new byte[10]),
                        T0);
                // at once, so that the pool hands the connection out without validating it: the query is in flight
                proxy.blackHole();
                Future<?> find = pool.submit(() -> queue.find(id));
                assertThatThrownBy(() -> find.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(StorageUnavailableException.class);
            }
        }
    }
}
