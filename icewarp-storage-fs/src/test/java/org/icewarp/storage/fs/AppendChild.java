package org.icewarp.storage.fs;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;

/**
 * A child JVM for the multi-process tests: opens the fs mailbox store on a mail path and appends to one INBOX,
 * printing {@code ACK <uid> <sha-256>} after each append returned (so the parent knows what was acknowledged).
 *
 * <p>Arguments: mail path, server ID (or {@code -}), tag, messages per thread ({@code 0}: until killed), threads.
 */
public final class AppendChild {
    static final EmailAddress ACCOUNT = EmailAddress.parse("shared@example.com");
    static final String[] OPTIONS = {"layout", "alphabetical", "snapshot-records", "50"};

    private AppendChild() {}

    /** Appends, then exits 0. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String serverId = args[1].equals("-") ? "" : args[1];
        String tag = args[2];
        long count = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        MailboxStore store = new FsStorageProvider().openMailboxes(Fixtures.settings(root, serverId, OPTIONS));
        store.createMailbox(ACCOUNT);
        AtomicLong seq = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (long i = 0; count == 0 || i < count; i++) {
                    long n = seq.incrementAndGet();
                    byte[] m = Fixtures.message(tag, n);
                    AppendResult r = store.append(
                            ACCOUNT, FolderName.INBOX, new ByteArrayInputStream(m), AppendRequest.at(Instant.now()));
                    synchronized (out) {
                        out.println("ACK " + r.uid() + " " + Fixtures.sha256(m));
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        store.close();
    }
}
