package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.Page;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueRecipient;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.RecipientOutcome;
import org.icewarp.storage.RecipientStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsQueueStoreTest {
    private static final Instant NOW = Fixtures.T0;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path root;

    private QueueStore queue;

    @BeforeEach
    void open() {
        queue = new FsStorageProvider().openQueue(Fixtures.settings(root, "07"));
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private static Envelope envelope(String... rcpts) {
        List<QueueRecipient> rs = new ArrayList<>();
        for (String r : rcpts) {
            rs.add(new QueueRecipient(r, Set.of(DsnNotify.FAILURE, DsnNotify.DELAY), "rfc822;" + r));
        }
        return new Envelope("sender@example.com", rs, NOW, "env-1", true);
    }

    private QueueId enqueue(Instant at, String... rcpts) {
        return queue.enqueue(envelope(rcpts), Fixtures.text("Subject: q\r\n\r\nbody"), at);
    }

    @Test
    void enqueuedMessageSurvivesReopenWithItsEnvelopeAndContent() {
        QueueId id = enqueue(NOW, "a@x.net", "b@y.net");
        queue.close();
        queue = new FsStorageProvider().openQueue(Fixtures.settings(root, "07"));
        QueuedMessage m = queue.find(id).orElseThrow();
        assertThat(m.envelope()).isEqualTo(envelope("a@x.net", "b@y.net"));
        assertThat(m.size()).isEqualTo(18);
        assertThat(m.pending()).hasSize(2);
        assertThat(Fixtures.read(queue.open(id))).isEqualTo("Subject: q\r\n\r\nbody");
        assertThat(root.resolve("_outgoing/" + id + ".eml")).exists();
        assertThat(root.resolve("_outgoing/" + id + ".state")).exists();
    }

    @Test
    void leaseGivesDueMessagesEarliestFirstToOneOwnerUntilExpiry() {
        QueueId later = enqueue(NOW.plusSeconds(10), "a@x.net");
        QueueId first = enqueue(NOW, "b@x.net");
        assertThat(queue.lease("n1", 10, MINUTE, NOW.plusSeconds(20)))
                .extracting(QueuedMessage::id)
                .containsExactly(first, later);
        assertThat(queue.lease("n2", 10, MINUTE, NOW.plusSeconds(30))).isEmpty();
        List<QueuedMessage> taken = queue.lease("n2", 1, MINUTE, NOW.plusSeconds(81));
        assertThat(taken).extracting(QueuedMessage::id).containsExactly(first);
        assertThat(taken.get(0).leaseOwner()).isEqualTo("n2");
        assertThatThrownBy(() -> queue.complete(first, "n1", NOW.plusSeconds(82)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void outcomesRescheduleAndCompleteFollowTheLease() {
        QueueId id = enqueue(NOW, "a@x.net", "b@y.net");
        queue.lease("n1", 1, MINUTE, NOW);
        queue.recordOutcome(id, "n1", "a@x.net", new RecipientOutcome.Delivered("250 ok"), NOW);
        queue.recordOutcome(id, "n1", "b@y.net", new RecipientOutcome.TemporaryFailure("451 later"), NOW);
        assertThatThrownBy(() -> queue.recordOutcome(id, "n1", "c@z.net", new RecipientOutcome.Delivered(""), NOW))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> queue.recordOutcome(id, "n2", "a@x.net", new RecipientOutcome.Delivered(""), NOW))
                .isInstanceOf(ConflictException.class);
        queue.reschedule(id, "n1", NOW.plusSeconds(300), NOW);
        QueuedMessage m = queue.find(id).orElseThrow();
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.leaseOwner()).isEmpty();
        assertThat(m.nextAttempt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(m.recipients())
                .extracting(RecipientStatus::state, RecipientStatus::lastDetail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RecipientStatus.State.DELIVERED, "250 ok"),
                        org.assertj.core.groups.Tuple.tuple(RecipientStatus.State.PENDING, "451 later"));
        assertThat(m.pending()).hasSize(1);
        assertThatThrownBy(() -> queue.reschedule(id, "n1", NOW, NOW)).isInstanceOf(ConflictException.class);
        assertThat(queue.lease("n1", 5, MINUTE, NOW.plusSeconds(10))).isEmpty();
        queue.lease("n1", 5, MINUTE, NOW.plusSeconds(300));
        queue.recordOutcome(id, "n1", "b@y.net", new RecipientOutcome.PermanentFailure("550 no"), NOW.plusSeconds(300));
        queue.complete(id, "n1", NOW.plusSeconds(301));
        assertThat(queue.find(id)).isEmpty();
        assertThatThrownBy(() -> queue.open(id)).isInstanceOf(NotFoundException.class);
        assertThat(Fixtures.files(root.resolve("_outgoing"))).containsExactly(".lock");
    }

    @Test
    void concurrentLeasersNeverShareAMessage() throws Exception {
        for (int i = 0; i < 60; i++) {
            enqueue(NOW, "r" + i + "@x.net");
        }
        List<QueueId> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                String owner = "n" + t;
                fs.add(pool.submit(() -> {
                    List<QueuedMessage> got;
                    while (!(got = queue.lease(owner, 3, MINUTE, NOW)).isEmpty()) {
                        got.forEach(m -> all.add(m.id()));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(all).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void listPagesInIdOrder() {
        List<QueueId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(enqueue(NOW.plusMillis(i), "a@x.net"));
        }
        Page<QueuedMessage> p1 = queue.list(PageRequest.first(3));
        Page<QueuedMessage> p2 = queue.list(p1.next(3).orElseThrow());
        List<QueueId> seen = new ArrayList<>();
        p1.items().forEach(m -> seen.add(m.id()));
        p2.items().forEach(m -> seen.add(m.id()));
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(p2.nextAfter()).isEmpty();
    }

    @Test
    void contentWithoutStateFromACrashedEnqueueIsRemovedAtOpen() throws IOException {
        Path orphan = root.resolve("_outgoing/00000000000-dead.eml");
        Files.writeString(orphan, "never committed");
        queue.close();
        queue = new FsStorageProvider().openQueue(Fixtures.settings(root, "07"));
        assertThat(orphan).doesNotExist();
    }
}
