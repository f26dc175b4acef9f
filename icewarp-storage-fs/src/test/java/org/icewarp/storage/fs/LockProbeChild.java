package org.icewarp.storage.fs;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.icewarp.storage.MailboxStore;

/**
 * A child JVM for {@link ProcessLocksTest}: tries the OS lock on a lock file and prints {@code GOT} or {@code HELD},
 * then opens (and closes) a mailbox store on the mail path, which sweeps the write areas of ended processes, and prints
 * {@code OPENED}.
 *
 * <p>Arguments: mail path, lock file.
 */
public final class LockProbeChild {
    private LockProbeChild() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path lockFile = Path.of(args[1]);
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            System.out.println(l == null ? "HELD" : "GOT");
            if (l != null) {
                l.release();
            }
        }
        MailboxStore store = new FsStorageProvider().openMailboxes(Fixtures.settings(root, "09", AppendChild.OPTIONS));
        store.close();
        System.out.println("OPENED");
        System.out.flush();
    }
}
