package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.MailboxStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise of SMTP on the shipped fs storage, checked as issue 7 says it will be: a {@code kill -9}
 * during load, then a count of what was acknowledged against what is stored.
 *
 * <p>{@value #SENDERS} concurrent sessions send small messages (every {@value #LARGE_EVERY}th one larger than the fs
 * store's 64 KiB inline limit, every {@value #BOTH_EVERY}th one to both accounts), each with a unique Message-ID. Every
 * message that got {@code 250} after DATA is recorded on the client side. Once {@value #ACKNOWLEDGED} are acknowledged
 * the server JVM gets SIGKILL while the senders are still sending. Then this process opens the fs mailbox store and
 * checks that every acknowledged message is in every recipient's INBOX, complete and byte for byte as sent (behind the
 * trace lines), that every stored message is a complete copy of one that was sent, and that the restarted server
 * accepts and stores mail again. Messages stored without a 250 (in flight at the kill) are allowed and printed.
 */
class SmtpKillNineIT {
    private static final int SENDERS = 8;
    private static final int ACKNOWLEDGED = 300;
    private static final int LARGE_EVERY = 25;
    private static final int BOTH_EVERY = 10;
    private static final String SENDER = "load@remote.example";
    private static final List<String> ACCOUNTS = List.of("ann@example.com", "bob@example.com");
    private static final Pattern MESSAGE_ID = Pattern.compile("\r\nMessage-ID: <([^>]+)>\r\n");

    @TempDir
    Path temp;

    /** A message as a sender sent it. */
    private record Sent(List<String> recipients, byte[] bytes) {}

    @Test
    void everyMessageAcknowledgedBeforeAKillNineIsStoredCompleteAndByteIdentical() throws Exception {
        FsDistribution dist = FsDistribution.prepare(temp, "example.com", ACCOUNTS.toArray(String[]::new));
        Map<String, Sent> attempted = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> refused = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED);
        AtomicBoolean killed = new AtomicBoolean();

        try (LauncherProcess server = dist.start()) {
            int port = FsDistribution.smtpPort(server);
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.add(pool.submit(() -> {
                    send(port, sender, attempted, acknowledged, refused, enough, killed);
                    return null;
                }));
            }
            boolean reached = enough.await(60, TimeUnit.SECONDS);
            killed.set(true);
            server.kill();
            assertThat(server.awaitExit()).as("SIGKILL, reported as 128 + 9").isEqualTo(137);
            assertThat(reached)
                    .as("%d acknowledged before the time limit; stderr %s", acknowledged.size(), server.stderr())
                    .isTrue();
            assertThat(server.stdout()).as("no shutdown hook ran").doesNotContain("icewarp stopping");
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Future<?> f : senders) {
                f.get();
            }
        }
        synchronized (refused) {
            assertThat(refused)
                    .as("replies other than 250 while the server ran")
                    .isEmpty();
        }
        Set<String> ackedAtKill = Set.copyOf(acknowledged);
        assertThat(ackedAtKill).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED);

        Map<String, Set<String>> storedIds = new HashMap<>();
        int storedMessages = 0;
        try (MailboxStore store = dist.openMailboxes()) {
            for (String account : ACCOUNTS) {
                Set<String> ids = new HashSet<>();
                for (byte[] m : FsDistribution.inbox(store, EmailAddress.parse(account))) {
                    FsDistribution.Stored stored = FsDistribution.Stored.parse(m);
                    String id = messageId(stored.message());
                    Sent sent = attempted.get(id);
                    assertThat(sent)
                            .as("%s holds %s, which was sent", account, id)
                            .isNotNull();
                    assertThat(sent.recipients()).contains(account);
                    assertThat(stored.message())
                            .as("%s in %s: complete, byte for byte", id, account)
                            .isEqualTo(sent.bytes());
                    assertThat(stored.returnPath()).isEqualTo("Return-Path: <" + SENDER + ">");
                    assertThat(ids.add(id))
                            .as("%s stored once in %s", id, account)
                            .isTrue();
                    storedMessages++;
                }
                storedIds.put(account, ids);
            }
        }

        List<String> lost = new ArrayList<>();
        int ackedCopies = 0;
        for (String id : ackedAtKill) {
            for (String account : attempted.get(id).recipients()) {
                ackedCopies++;
                if (!storedIds.get(account).contains(id)) {
                    lost.add(id + " for " + account);
                }
            }
        }
        assertThat(lost).as("acknowledged with 250 but not stored").isEmpty();
        Set<String> unacknowledgedStored = new HashSet<>();
        storedIds.values().forEach(unacknowledgedStored::addAll);
        unacknowledgedStored.removeAll(ackedAtKill);
        System.out.printf(
                "SmtpKillNineIT: %d messages sent, %d acknowledged (%d copies), %d copies stored,"
                        + " %d stored without a 250 (in flight at the kill): %s%n",
                attempted.size(),
                ackedAtKill.size(),
                ackedCopies,
                storedMessages,
                unacknowledgedStored.size(),
                unacknowledgedStored);

        // The server starts again on the store the kill left behind and stores mail as before.
        byte[] after = message("after-restart@remote.example", 0);
        try (LauncherProcess server = dist.start()) {
            try (SmtpClient c = SmtpClient.connect(FsDistribution.smtpPort(server), Duration.ofSeconds(30))) {
                assertThat(c.send(SENDER, List.of(ACCOUNTS.get(0)), after).code())
                        .isEqualTo(250);
            }
            server.terminate();
            assertThat(server.awaitExit()).as(server.stderr()).isIn(0, 143);
        }
        try (MailboxStore store = dist.openMailboxes()) {
            List<byte[]> inbox = FsDistribution.inbox(store, EmailAddress.parse(ACCOUNTS.get(0)));
            assertThat(inbox).hasSize(storedIds.get(ACCOUNTS.get(0)).size() + 1);
            assertThat(FsDistribution.Stored.parse(inbox.get(inbox.size() - 1)).message())
                    .isEqualTo(after);
        }
    }

    /** One sender: a session, and messages on it until the server dies. */
    private static void send(
            int port,
            int sender,
            Map<String, Sent> attempted,
            Set<String> acknowledged,
            List<String> refused,
            CountDownLatch enough,
            AtomicBoolean killed) {
        try (SmtpClient c = SmtpClient.connect(port, Duration.ofSeconds(30))) {
            for (int i = 0; ; i++) {
                String id = "s" + sender + "-" + i + "@remote.example";
                int n = sender * 100_000 + i;
                List<String> to = n % BOTH_EVERY == 0 ? ACCOUNTS : List.of(ACCOUNTS.get(n % ACCOUNTS.size()));
                byte[] bytes = message(id, n);
                attempted.put(id, new Sent(to, bytes));
                SmtpClient.Reply reply = c.send(SENDER, to, bytes);
                if (reply.code() == 250) {
                    acknowledged.add(id);
                    enough.countDown();
                } else if (!killed.get()) {
                    synchronized (refused) {
                        refused.add(id + ": " + reply);
                    }
                    return;
                }
            }
        } catch (IOException e) {
            if (!killed.get()) {
                synchronized (refused) {
                    refused.add("sender " + sender + " failed before the kill: " + e);
                }
            }
        }
    }

    /** A small message (a larger one now and then) whose text depends on {@code n}, with a line that needs a dot. */
    private static byte[] message(String id, int n) {
        StringBuilder body = new StringBuilder();
        int lines = n % LARGE_EVERY == LARGE_EVERY - 1 ? 1_500 : 3 + n % 20;
        for (int l = 0; l < lines; l++) {
            body.append(l % 7 == 3 ? "." : "")
                    .append("message ")
                    .append(n)
                    .append(", line ")
                    .append(l);
            body.append(", some text so that the line has a realistic length\r\n");
        }
        return ("From: <" + SENDER + ">\r\n"
                        + "Subject: load " + n + "\r\n"
                        + "Message-ID: <" + id + ">\r\n"
                        + "\r\n"
                        + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String messageId(byte[] message) {
        Matcher m = MESSAGE_ID.matcher(new String(message, StandardCharsets.US_ASCII));
        assertThat(m.find())
                .as("a Message-ID in %s", new String(message, StandardCharsets.US_ASCII))
                .isTrue();
        return m.group(1);
    }
}
