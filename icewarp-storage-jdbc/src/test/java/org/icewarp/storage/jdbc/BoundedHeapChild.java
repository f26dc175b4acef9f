package org.icewarp.storage.jdbc;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.testkit.storage.GeneratedStream;

/**
 * Run in a JVM whose heap is smaller than the message: appends a generated message of the given size, reads it back,
 * and prints {@code OK <size> <sha-256 in> <sha-256 out>}. A store that held the message whole would die of {@link
 * OutOfMemoryError}. Arguments: size, then {@code key=value} provider options.
 */
public final class BoundedHeapChild {
    private BoundedHeapChild() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EmailAddress account = EmailAddress.parse("big@example.com");
        try (MailboxStore store = new JdbcStorageProvider().openMailboxes(StorageSettings.of(Options.of(options)))) {
            store.createMailbox(account);
            MessageDigest in = MessageDigest.getInstance("SHA-256");
            AppendResult r = store.append(
                    account, FolderName.INBOX, new GeneratedStream(size, in), AppendRequest.at(Instant.EPOCH));
            MessageDigest out = MessageDigest.getInstance("SHA-256");
            long read = 0;
            try (InputStream content = store.open(account, FolderName.INBOX, r.uid())) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = content.read(buf)) >= 0; ) {
                    out.update(buf, 0, n);
                    read += n;
                }
            }
            System.out.println(
                    "OK " + r.size() + " " + read + " " + HexFormat.of().formatHex(in.digest()) + " "
                            + HexFormat.of().formatHex(out.digest()));
        }
    }
}
