package org.icewarp.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read: private keys, and the CA store for good measure. */
final class OwnerOnly {
    private OwnerOnly() {}

    /** Creates a new, empty file readable and writable by its owner only (POSIX), or a plain one elsewhere. */
    static Path createFile(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            // set at creation, so the key is never readable by others, not even for an instant
            return Files.createFile(
                    file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createFile(file);
    }
}
