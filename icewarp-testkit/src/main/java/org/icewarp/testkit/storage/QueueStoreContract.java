package org.icewarp.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link QueueStore} must have. An implementation's test class implements {@link #queueStore()}
 * (a new, empty store per test) and, for durable stores, {@link #reopen(QueueStore)}.
 */
public interface QueueStoreContract {
    Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    Duration LEASE = Duration.ofMinutes(5);

    /** A new, empty store. */
    QueueStore queueStore();

    /** Closes and reopens over the same data; non-durable stores return it unchanged. */
    default QueueStore reopen(QueueStore store) {
        return store;
    }

    private static Envelope envelope(String... recipients) {
        List<QueueRecipient> r = new ArrayList<>();
        for (String rcpt : recipients) {
            r.add(new QueueRecipient(rcpt, Set.of(DsnNotify.FAILURE, DsnNotify.DELAY), "rfc822;" + rcpt));
        }
        return new Envelope("sender@example.com", r, T0, "ENV-1", true);
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    default void aQueuedMessageKeepsItsEnvelopeAndContent() throws IOException {
        QueueStore s = queueStore();
        QueueId id = s.enqueue(envelope("a@remote.example", "b@remote.example"), text("Subject: x\r\n\r\nhi\r\n"), T0);
        QueueStore r = reopen(s);
        QueuedMessage m = r.find(id).orElseThrow();
        assertThat(m.envelope()).isEqualTo(envelope("a@remote.example", "b@remote.example"));
        assertThat(m.size()).isEqualTo(18);
        assertThat(m.nextAttempt()).isEqualTo(T0);
        assertThat(m.attempts()).isZero();
        assertThat(m.pending()).hasSize(2);
        try (InputStream in = r.open(id)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: x\r\n\r\nhi\r\n");
        }
        assertThat(r.find(new QueueId("unknown"))).isEmpty();
        assertThatThrownBy(() -> r.open(new QueueId("unknown"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    default void aLeaseIsExclusiveUntilItExpires() {
        QueueStore s = queueStore();
        QueueId id = s.enqueue(envelope("a@remote.example"), text("x"), T0);
        assertThat(s.lease("node-a", 10, LEASE, T0))
                .extracting(QueuedMessage::id)
                .containsExactly(id);
        assertThat(s.lease("node-b", 10, LEASE, T0.plusSeconds(60))).isEmpty();
        assertThatThrownBy(() -> s.complete(id, "node-b", T0.plusSeconds(60))).isInstanceOf(ConflictException.class);
        List<QueuedMessage> taken = s.lease("node-b", 10, LEASE, T0.plus(LEASE).plusSeconds(1));
        assertThat(taken).extracting(QueuedMessage::leaseOwner).containsExactly("node-b");
        assertThatThrownBy(() -> s.reschedule(
                        id, "node-a", T0.plusSeconds(600), T0.plus(LEASE).plusSeconds(2)))
                .as("the expired owner lost it")
                .isInstanceOf(ConflictException.class);
    }

    @Test
    default void aLeaseMustBeForAPositiveDurationAndLeasesNothingOtherwise() {
        QueueStore s = queueStore();
        QueueId id = s.enqueue(envelope("a@remote.example"), text("x"), T0);
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> s.lease("node-a", 10, bad, T0))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("leaseFor");
        }
        assertThatThrownBy(() -> s.lease("node-a", 10, null, T0))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .hasMessageContaining("leaseFor");
        assertThat(s.find(id).orElseThrow().leaseOwner())
                .as("nothing was leased")
                .isNullOrEmpty();
        assertThat(s.lease("node-b", 10, LEASE, T0))
                .extracting(QueuedMessage::id)
                .containsExactly(id);
    }

    @Test
    default void messagesAreLeasedOnlyWhenDueAndEarliestFirst() {
        QueueStore s = queueStore();
        QueueId late = s.enqueue(envelope("a@remote.example"), text("1"), T0);
        QueueId early = s.enqueue(envelope("b@remote.example"), text("2"), T0);
        s.lease("n", 10, LEASE, T0);
        s.reschedule(late, "n", T0.plusSeconds(300), T0);
        s.reschedule(early, "n", T0.plusSeconds(100), T0);
        QueueStore r = reopen(s);
        assertThat(r.lease("n", 10, LEASE, T0.plusSeconds(50))).isEmpty();
        assertThat(r.lease("n", 10, LEASE, T0.plusSeconds(400)))
                .extracting(QueuedMessage::id)
                .containsExactly(early, late);
        assertThat(r.find(late).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    default void outcomesArePerRecipientAndCompleteRemoves() {
        QueueStore s = queueStore();
        QueueId id = s.enqueue(envelope("a@remote.example", "b@remote.example", "c@remote.example"), text("x"), T0);
        s.lease("n", 1, LEASE, T0);
        s.recordOutcome(id, "n", "a@remote.example", new RecipientOutcome.Delivered("250 ok"), T0);
        s.recordOutcome(id, "n", "b@remote.example", new RecipientOutcome.PermanentFailure("550 no such user"), T0);
        s.recordOutcome(id, "n", "c@remote.example", new RecipientOutcome.TemporaryFailure("451 later"), T0);
        assertThatThrownBy(() -> s.recordOutcome(id, "n", "z@remote.example", new RecipientOutcome.Delivered(""), T0))
                .isInstanceOf(NotFoundException.class);
        s.reschedule(id, "n", T0.plusSeconds(60), T0);
        QueueStore r = reopen(s);
        QueuedMessage m = r.find(id).orElseThrow();
        assertThat(m.recipients())
                .extracting(RecipientStatus::state)
                .containsExactly(
                        RecipientStatus.State.DELIVERED, RecipientStatus.State.FAILED, RecipientStatus.State.PENDING);
        assertThat(m.recipients().get(1).lastDetail()).isEqualTo("550 no such user");
        assertThat(m.pending()).extracting(p -> p.recipient().address()).containsExactly("c@remote.example");
        assertThat(m.leaseOwner()).isEmpty();
        r.lease("n", 1, LEASE, T0.plusSeconds(60));
        r.complete(id, "n", T0.plusSeconds(61));
        assertThat(reopen(r).find(id)).isEmpty();
    }

    @Test
    default void theQueueIsListedInPages() {
        QueueStore s = queueStore();
        Set<QueueId> ids = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            ids.add(s.enqueue(envelope("a@remote.example"), text("m" + i), T0));
        }
        Set<QueueId> seen = new HashSet<>();
        Page<QueuedMessage> page = s.list(PageRequest.first(5));
        page.items().forEach(m -> seen.add(m.id()));
        while (page.next(5).isPresent()) {
            page = s.list(page.next(5).get());
            page.items().forEach(m -> assertThat(seen.add(m.id())).isTrue());
        }
        assertThat(seen).isEqualTo(ids);
    }

    @Test
    default void concurrentLeasersNeverGetTheSameMessage() throws Exception {
        QueueStore s = queueStore();
        int messages = 200;
        for (int i = 0; i < messages; i++) {
            s.enqueue(envelope("a@remote.example"), text("m" + i), T0);
        }
        int leasers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(leasers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<QueueId>>> results = new ArrayList<>();
            for (int t = 0; t < leasers; t++) {
                String owner = "node-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<QueueId> mine = new ArrayList<>();
                    for (List<QueuedMessage> batch; !(batch = s.lease(owner, 7, LEASE, T0)).isEmpty(); ) {
                        batch.forEach(m -> mine.add(m.id()));
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
