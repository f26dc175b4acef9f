package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
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

/**
 * A slow sender of a large message holds no pooled connection: with a pool of one, the store keeps answering while
 * the sender stalls half-way. The spool file is gone afterwards, whether the message was stored or its stream failed.
 */
class SpoolTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final int CHUNK = 1024;

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

    private Path spool() {
        return dir.resolve("spool");
    }

    private StorageSettings settings() {
        return StorageSettings.of(Options.of(database.options())
                .with("pool.maximum-size", "1")
                .with("pool.minimum-idle", "1")
                .with("pool.connection-timeout", "2000")
                .with("chunk-size", Integer.toString(CHUNK))
                .with("spool-directory", spool().toString()));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 7 + seed) % 26);
        }
        return b;
    }

    /** Gives {@code head}, then blocks until {@code go}, then gives {@code tail}. */
    private static InputStream stalling(byte[] head, CountDownLatch stalled, CountDownLatch go, byte[] tail) {
        InputStream gate = new InputStream() {
            @Override
            public int read() throws IOException {
                stalled.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        };
        return new SequenceInputStream(java.util.Collections.enumeration(
                List.of(new ByteArrayInputStream(head), gate, new ByteArrayInputStream(tail))));
    }

    private long spooled() throws IOException {
        if (!Files.isDirectory(spool())) {
            return 0;
        }
        try (Stream<Path> s = Files.list(spool())) {
            return s.count();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aStalledLargeAppendHoldsNoConnection(Engine engine) throws Exception {
        database = engine.fresh(dir);
        byte[] head = bytes(5 * CHUNK + 17, 1);
        byte[] tail = bytes(3 * CHUNK, 2);
        try (MailboxStore store = new JdbcStorageProvider().openMailboxes(settings())) {
            store.createMailbox(JOHN);
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            Future<AppendResult> append = pool.submit(() ->
                    store.append(JOHN, FolderName.INBOX, stalling(head, stalled, go, tail), AppendRequest.at(T0)));
            assertThat(stalled.await(20, TimeUnit.SECONDS)).isTrue();
            // the only connection is free: other operations go on while the sender stalls
            for (int i = 0; i < 3; i++) {
                assertThat(store.status(JOHN, FolderName.INBOX).messages()).isZero();
            }
            assertThat(spooled()).as("the part received so far is in the spool").isEqualTo(1);
            go.countDown();
            AppendResult r = append.get(30, TimeUnit.SECONDS);
            assertThat(r.size()).isEqualTo(head.length + tail.length);
            try (InputStream in = store.open(JOHN, FolderName.INBOX, r.uid())) {
                byte[] all = in.readAllBytes();
                assertThat(all).startsWith(head).endsWith(tail).hasSize(head.length + tail.length);
            }
            assertThat(spooled()).as("spool file deleted").isZero();

            InputStream broken = new SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("client went away");
                }
            });
            assertThatThrownBy(() -> store.append(JOHN, FolderName.INBOX, broken, AppendRequest.at(T0)))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("client went away");
            assertThat(spooled()).as("spool file deleted after a failed read").isZero();
            assertThat(store.status(JOHN, FolderName.INBOX).messages()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aStalledEnqueueHoldsNoConnection(Engine engine) throws Exception {
        database = engine.fresh(dir);
        byte[] head = bytes(2 * CHUNK + 5, 3);
        byte[] tail = bytes(CHUNK / 2, 4);
        try (QueueStore queue = new JdbcStorageProvider().openQueue(settings())) {
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            Envelope envelope = new Envelope(
                    "s@example.com",
                    List.of(new QueueRecipient("r@remote.example", Set.of(DsnNotify.FAILURE), "")),
                    T0,
                    "",
                    false);
            Future<QueueId> enqueue = pool.submit(() -> queue.enqueue(envelope, stalling(head, stalled, go, tail), T0));
            assertThat(stalled.await(20, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(queue.list(org.icewarp.storage.PageRequest.first(10)).items())
                        .isEmpty();
            }
            go.countDown();
            QueueId id = enqueue.get(30, TimeUnit.SECONDS);
            try (InputStream in = queue.open(id)) {
                assertThat(in.readAllBytes()).startsWith(head).endsWith(tail).hasSize(head.length + tail.length);
            }
            assertThat(spooled()).isZero();
        }
    }
}
