package org.icewarp.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.Envelope;
import org.icewarp.storage.Names;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.Page;
import org.icewarp.storage.PageRequest;
import org.icewarp.storage.QueueId;
import org.icewarp.storage.QueueStore;
import org.icewarp.storage.QueuedMessage;
import org.icewarp.storage.RecipientOutcome;
import org.icewarp.storage.RecipientStatus;
import org.icewarp.storage.StorageUnavailableException;

/**
 * The outgoing queue in {@code <path>/_outgoing}: per message a content file {@code <id>.eml} and a state file
 * {@code <id>.state}; the state file's existence is the commit point of an enqueue and its removal that of a
 * completion.
 *
 * <p>Implementation note: every change runs under this object's monitor and an exclusive lock on {@code
 * _outgoing/.lock} (through {@link ProcessLocks}, shared by every queue store of this JVM), and re-reads the state files it decides on, so leases stay exclusive among threads and among
 * processes sharing the mail path. {@link #lease} also lists the directory to find messages other processes queued;
 * {@link #find} reads the state file; {@link #list} answers from memory, so it can lag behind other processes until
 * their messages are leased or found here.
 */
final class FsQueueStore implements QueueStore {
    private final Path dir;
    private final String serverId;
    private final WriteArea area;
    private final ProcessLocks.Handle lockFile;
    private final NavigableMap<String, QueuedMessage> messages = new ConcurrentSkipListMap<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile boolean closed;

    FsQueueStore(FsSettings settings) {
        this.dir = settings.path().resolve("_outgoing");
        this.serverId = settings.serverId();
        try {
            Durable.createDirectories(dir);
            this.area = WriteArea.open(settings.path(), serverId);
            this.lockFile = ProcessLocks.acquire(dir.resolve(".lock"), false);
            synchronized (this) {
                try (ProcessLocks.Section l = lockFile.lock()) {
                    Durable.removeTempFiles(dir);
                    rescan(true);
                }
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open the queue at " + dir + ": " + e, e);
        }
    }

    /** Brings the memory in line with the directory; with {@code clean}, removes content without state. */
    private void rescan(boolean clean) throws IOException {
        Set<String> present = new HashSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(QueueFiles.STATE_SUFFIX)) {
                    String id = n.substring(0, n.length() - QueueFiles.STATE_SUFFIX.length());
                    present.add(id);
                    if (!messages.containsKey(id)) {
                        reload(id);
                    }
                }
            }
        }
        messages.keySet().retainAll(present);
        if (clean) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + QueueFiles.CONTENT_SUFFIX)) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (!present.contains(n.substring(0, n.length() - QueueFiles.CONTENT_SUFFIX.length()))) {
                        Files.deleteIfExists(p); // an enqueue that crashed before its commit point
                    }
                }
            }
        }
    }

    /** A queue id as a file name: ids this store makes always pass; others (say {@code CON}) are refused. */
    private static String fileName(QueueId id) {
        return Names.requireSafeSegment("queue id", id.value());
    }

    /** Re-reads one state file; empty when it is gone. */
    private Optional<QueuedMessage> reload(String id) throws IOException {
        try {
            QueuedMessage m = QueueFiles.read(Files.readAllBytes(dir.resolve(id + QueueFiles.STATE_SUFFIX)));
            messages.put(id, m);
            return Optional.of(m);
        } catch (NoSuchFileException e) {
            messages.remove(id);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new IOException("cannot read the state of queued message " + id + ": " + e.getMessage(), e);
        }
    }

    private void save(QueuedMessage m) throws IOException {
        Durable.write(dir.resolve(m.id().value() + QueueFiles.STATE_SUFFIX), QueueFiles.write(m));
        messages.put(m.id().value(), m);
    }

    private QueueId newId(Instant now) {
        String id = String.format(
                "%011x-%s%06x%04x",
                Math.max(0, now.toEpochMilli()),
                serverId,
                counter.incrementAndGet() & 0xffffff,
                ThreadLocalRandom.current().nextInt(0x10000));
        return new QueueId(id);
    }

    @Override
    public QueueId enqueue(Envelope envelope, InputStream content, Instant now) {
        ensureOpen();
        Path temp = area.newTempFile("queue");
        try {
            long size = Durable.copy(content, temp);
            return locked("queue a message", () -> {
                QueueId id = newId(now);
                Durable.move(temp, dir.resolve(id.value() + QueueFiles.CONTENT_SUFFIX));
                List<RecipientStatus> rs = envelope.recipients().stream()
                        .map(r -> new RecipientStatus(r, RecipientStatus.State.PENDING, 0, ""))
                        .toList();
                save(new QueuedMessage(id, envelope, size, now, now, 0, rs, "", Instant.EPOCH));
                return id;
            });
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot queue a message: " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // swept at the next open
            }
        }
    }

    @Override
    public List<QueuedMessage> lease(String owner, int max, Duration leaseFor, Instant now) {
        if (owner == null || owner.isEmpty()) {
            throw new IllegalArgumentException("owner must not be empty");
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        Objects.requireNonNull(leaseFor, "leaseFor");
        if (leaseFor.isNegative() || leaseFor.isZero()) {
            throw new IllegalArgumentException("leaseFor must be positive, was " + leaseFor);
        }
        return locked("lease queued messages", () -> {
            rescan(false);
            List<QueuedMessage> due = messages.values().stream()
                    .filter(m -> leasable(m, now))
                    .sorted(Comparator.comparing(QueuedMessage::nextAttempt).thenComparing(m -> m.id().value()))
                    .toList();
            List<QueuedMessage> out = new ArrayList<>();
            Instant until = now.plus(leaseFor);
            for (QueuedMessage candidate : due) {
                if (out.size() == max) {
                    break;
                }
                Optional<QueuedMessage> fresh = reload(candidate.id().value());
                if (fresh.isEmpty() || !leasable(fresh.get(), now)) {
                    continue;
                }
                QueuedMessage m = fresh.get();
                QueuedMessage leased = new QueuedMessage(
                        m.id(),
                        m.envelope(),
                        m.size(),
                        m.enqueued(),
                        m.nextAttempt(),
                        m.attempts(),
                        m.recipients(),
                        owner,
                        until);
                save(leased);
                out.add(leased);
            }
            return out;
        });
    }

    private static boolean leasable(QueuedMessage m, Instant now) {
        return !m.nextAttempt().isAfter(now)
                && (m.leaseOwner().isEmpty() || !m.leaseExpires().isAfter(now));
    }

    /** The message's fresh state, checked to be leased by {@code owner} at {@code now}. Under the locks. */
    private QueuedMessage leased(QueueId id, String owner, Instant now) throws IOException {
        QueuedMessage m =
                reload(id.value()).orElseThrow(() -> new NotFoundException("queued message " + id + " does not exist"));
        if (!m.leaseOwner().equals(owner) || !m.leaseExpires().isAfter(now)) {
            throw new ConflictException("queued message " + id + " is not leased to " + owner + " at " + now
                    + (m.leaseOwner().isEmpty()
                            ? ""
                            : " (lease: " + m.leaseOwner() + " until " + m.leaseExpires() + ")"));
        }
        return m;
    }

    @Override
    public void recordOutcome(QueueId id, String owner, String recipient, RecipientOutcome outcome, Instant now) {
        locked("record an outcome for " + id, () -> {
            QueuedMessage m = leased(id, owner, now);
            List<RecipientStatus> rs = new ArrayList<>(m.recipients());
            int i = 0;
            while (i < rs.size() && !rs.get(i).recipient().address().equals(recipient)) {
                i++;
            }
            if (i == rs.size()) {
                throw new NotFoundException("queued message " + id + " has no recipient " + recipient);
            }
            RecipientStatus old = rs.get(i);
            RecipientStatus.State state;
            if (outcome instanceof RecipientOutcome.Delivered) {
                state = RecipientStatus.State.DELIVERED;
            } else if (outcome instanceof RecipientOutcome.PermanentFailure) {
                state = RecipientStatus.State.FAILED;
            } else {
                state = RecipientStatus.State.PENDING;
            }
            rs.set(i, new RecipientStatus(old.recipient(), state, old.attempts() + 1, outcome.detail()));
            save(new QueuedMessage(
                    m.id(),
                    m.envelope(),
                    m.size(),
                    m.enqueued(),
                    m.nextAttempt(),
                    m.attempts(),
                    rs,
                    m.leaseOwner(),
                    m.leaseExpires()));
            return null;
        });
    }

    @Override
    public void reschedule(QueueId id, String owner, Instant nextAttempt, Instant now) {
        locked("reschedule " + id, () -> {
            QueuedMessage m = leased(id, owner, now);
            save(new QueuedMessage(
                    m.id(),
                    m.envelope(),
                    m.size(),
                    m.enqueued(),
                    nextAttempt,
                    m.attempts() + 1,
                    m.recipients(),
                    "",
                    Instant.EPOCH));
            return null;
        });
    }

    @Override
    public void complete(QueueId id, String owner, Instant now) {
        locked("complete " + id, () -> {
            leased(id, owner, now);
            Files.deleteIfExists(dir.resolve(id.value() + QueueFiles.STATE_SUFFIX));
            Durable.fsyncDirectory(dir);
            messages.remove(id.value());
            Files.deleteIfExists(dir.resolve(id.value() + QueueFiles.CONTENT_SUFFIX));
            return null;
        });
    }

    @Override
    public Optional<QueuedMessage> find(QueueId id) {
        ensureOpen();
        try {
            return reload(fileName(id));
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read queued message " + id + ": " + e, e);
        }
    }

    @Override
    public InputStream open(QueueId id) {
        ensureOpen();
        fileName(id);
        try {
            if (!Files.exists(dir.resolve(id.value() + QueueFiles.STATE_SUFFIX))) {
                throw new NotFoundException("queued message " + id + " does not exist");
            }
            return Files.newInputStream(dir.resolve(id.value() + QueueFiles.CONTENT_SUFFIX));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("queued message " + id + " does not exist", e);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open queued message " + id + ": " + e, e);
        }
    }

    @Override
    public Page<QueuedMessage> list(PageRequest page) {
        ensureOpen();
        NavigableMap<String, QueuedMessage> tail =
                page.after().isEmpty() ? messages : messages.tailMap(page.after(), false);
        List<QueuedMessage> items = new ArrayList<>();
        String last = "";
        for (Map.Entry<String, QueuedMessage> e : tail.entrySet()) {
            if (items.size() == page.limit()) {
                return new Page<>(items, last);
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, "");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lockFile.close();
        area.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the queue at " + dir + " is closed");
        }
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private synchronized <T> T locked(String what, Io<T> action) {
        ensureOpen();
        try (ProcessLocks.Section l = lockFile.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot " + what + ": " + e, e);
        }
    }
}
