package org.icewarp.testkit.storage;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;

/**
 * The child JVM of the {@link CrashHarness}: opens a mailbox store and appends messages of varying size for ever,
 * printing {@code ACK <uid> <sha-256> <size>} after each append returned, until it is killed.
 *
 * <p>Arguments: provider id, seed, then {@code key=value} options.
 */
public final class CrashChild {
    static final EmailAddress ACCOUNT = EmailAddress.parse("crash@example.com");

    private CrashChild() {}

    /** Runs until killed. */
    public static void main(String[] args) throws Exception {
        String id = args[0];
        long seed = Long.parseLong(args[1]);
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        StorageProvider provider = null;
        for (StorageProvider p : ServiceLoader.load(StorageProvider.class)) {
            if (p.id().equals(id)) {
                provider = p;
            }
        }
        if (provider == null) {
            throw new IllegalStateException("no storage provider '" + id + "' on the class path");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        MailboxStore store = provider.openMailboxes(StorageSettings.of(Options.of(options)));
        store.createMailbox(ACCOUNT);
        out.println("OPEN");
        Random random = new Random(seed);
        for (long n = 0; ; n++) {
            byte[] body = new byte[1024 + random.nextInt(192 * 1024)];
            random.nextBytes(body);
            byte[] header = ("Subject: crash " + seed + "/" + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] message = new byte[header.length + body.length];
            System.arraycopy(header, 0, message, 0, header.length);
            System.arraycopy(body, 0, message, header.length, body.length);
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(message));
            AppendResult r = store.append(
                    ACCOUNT,
                    FolderName.INBOX,
                    new ByteArrayInputStream(message),
                    AppendRequest.at(java.time.Instant.now()));
            out.println("ACK " + r.uid() + " " + sha + " " + message.length);
        }
    }
}
