package org.icewarp.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.UidSet;

/**
 * Proves that an acknowledged append survives SIGKILL: each round starts a {@link CrashChild} JVM appending to the
 * store, lets it acknowledge a random number of messages, kills it with SIGKILL in the middle of further appends,
 * reopens the store in this JVM and checks every acknowledged message (present, same bytes), the index (counts agree
 * with the listing, UIDNEXT above every UID) and that UIDs of later rounds never reuse earlier ones.
 *
 * <p>Rounds: {@code -Dicewarp.crash.rounds=N} (default 20).
 */
public final class CrashHarness {
    /** The default number of rounds. */
    public static final int DEFAULT_ROUNDS = 20;

    private CrashHarness() {}

    /** The rounds to run: the {@code icewarp.crash.rounds} system property, else {@link #DEFAULT_ROUNDS}. */
    public static int rounds() {
        return Integer.getInteger("icewarp.crash.rounds", DEFAULT_ROUNDS);
    }

    /**
     * Runs the rounds.
     *
     * @param target how the child, and then this JVM, open the store
     * @param rounds how many children to kill
     * @param seed makes the kill points and message sizes repeatable
     * @return the number of acknowledged messages checked in the last round
     */
    public static int run(CrashTarget target, int rounds, long seed) throws Exception {
        Random random = new Random(seed);
        Map<Long, String> acknowledged = new LinkedHashMap<>();
        long highest = 0;
        for (int round = 0; round < rounds; round++) {
            int killAfter = 1 + random.nextInt(30);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrashChild.class.getName(),
                    target.providerId(),
                    Long.toString(random.nextLong())));
            target.options().forEach((k, v) -> command.add(k + "=" + v));
            Process child = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            long roundLowest = Long.MAX_VALUE;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                int acks = 0;
                for (String line; acks < killAfter && (line = out.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        String[] p = line.split(" ");
                        long uid = Long.parseLong(p[1]);
                        assertThat(acknowledged)
                                .as("UID %d acknowledged twice", uid)
                                .doesNotContainKey(uid);
                        acknowledged.put(uid, p[2]);
                        roundLowest = Math.min(roundLowest, uid);
                        acks++;
                    }
                }
                assertThat(acks)
                        .as("round %d: the child acknowledged appends before dying", round)
                        .isEqualTo(killAfter);
                // SIGKILL while it is in the middle of the next appends. Through the ProcessHandle, because
                // Process.destroyForcibly() also closes our end of its pipes, and lines it printed before dying
                // are still to be read.
                child.toHandle().destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                // acknowledgements printed before the kill took effect count too
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        String[] p = line.split(" ");
                        acknowledged.put(Long.parseLong(p[1]), p[2]);
                    }
                }
            } finally {
                child.destroyForcibly();
            }
            assertThat(roundLowest)
                    .as("round %d reuses no UID of an earlier round", round)
                    .isGreaterThan(highest);
            highest = acknowledged.keySet().stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0);
            verify(open(target), acknowledged);
        }
        return acknowledged.size();
    }

    static MailboxStore open(CrashTarget target) {
        for (StorageProvider p : ServiceLoader.load(StorageProvider.class)) {
            if (p.id().equals(target.providerId())) {
                return p.openMailboxes(StorageSettings.of(Options.of(target.options())));
            }
        }
        throw new IllegalStateException("no storage provider '" + target.providerId() + "' on the class path");
    }

    private static void verify(MailboxStore store, Map<Long, String> acknowledged) throws Exception {
        try (store) {
            FolderName inbox = FolderName.INBOX;
            List<MessageMetadata> listed = store.messages(CrashChild.ACCOUNT, inbox, UidSet.ALL);
            FolderStatus status = store.status(CrashChild.ACCOUNT, inbox);
            assertThat(status.messages())
                    .as("the count agrees with the listing")
                    .isEqualTo(listed.size());
            long bytes = listed.stream().mapToLong(MessageMetadata::size).sum();
            assertThat(status.size()).as("the size agrees with the listing").isEqualTo(bytes);
            if (!listed.isEmpty()) {
                assertThat(status.uidNext())
                        .isGreaterThan(listed.get(listed.size() - 1).uid());
            }
            Map<Long, MessageMetadata> byUid = new LinkedHashMap<>();
            listed.forEach(m -> byUid.put(m.uid(), m));
            for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
                assertThat(byUid).as("acknowledged UID %d survived", e.getKey()).containsKey(e.getKey());
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long n = 0;
                try (InputStream in = store.open(CrashChild.ACCOUNT, inbox, e.getKey())) {
                    byte[] buf = new byte[64 * 1024];
                    for (int r; (r = in.read(buf)) >= 0; ) {
                        sha.update(buf, 0, r);
                        n += r;
                    }
                } catch (IOException io) {
                    throw new AssertionError("UID " + e.getKey() + " cannot be read", io);
                }
                assertThat(HexFormat.of().formatHex(sha.digest()))
                        .as("UID %d is intact", e.getKey())
                        .isEqualTo(e.getValue());
                assertThat(n).isEqualTo(byUid.get(e.getKey()).size());
            }
        }
    }
}
