package org.icewarp.core.tls.create;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Writes PEM files so that a private key is never readable by others, not even for an instant.
 *
 * <p>The content goes first to a hidden temporary file in the target's directory, created with its final permissions
 * ({@code rw-------} for a file holding a private key, {@code rw-r--r--} otherwise, on file systems with POSIX
 * permissions), is forced to the disk, and is then renamed to the target. Other file systems (Windows) keep the
 * permissions they give new files in that directory. A file is thus either absent, or complete with its permissions.
 *
 * <p>With {@link ExistingFile#FAIL} an existing target is left alone and {@link FileAlreadyExistsException} is thrown
 * (checked just before the rename). With {@link ExistingFile#REPLACE} the rename replaces it atomically; a symbolic
 * link at the target is replaced, not followed.
 */
public final class PemFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private PemFiles() {}

    /**
     * Writes a file that holds a private key: owner read and write only.
     *
     * @param file the target; its directory must exist; must not be null
     * @param pem the content; must not be null
     * @param existing what to do when the target exists; must not be null
     * @throws FileAlreadyExistsException if the target exists and {@code existing} is {@link ExistingFile#FAIL}
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void writePrivate(Path file, String pem, ExistingFile existing) throws IOException {
        write(file, pem, existing, true);
    }

    /**
     * Writes a file without secrets (a certificate, a signing request): readable by everyone, writable by the owner.
     *
     * @param file the target; its directory must exist; must not be null
     * @param pem the content; must not be null
     * @param existing what to do when the target exists; must not be null
     * @throws FileAlreadyExistsException if the target exists and {@code existing} is {@link ExistingFile#FAIL}
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void writePublic(Path file, String pem, ExistingFile existing) throws IOException {
        write(file, pem, existing, false);
    }

    /** With {@link ExistingFile#FAIL}, fails before anything is written if one of the files exists. */
    static void requireAbsent(ExistingFile existing, Path... files) throws FileAlreadyExistsException {
        if (existing == ExistingFile.FAIL) {
            for (Path f : files) {
                if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(f.toString(), null, "exists (replace it explicitly)");
                }
            }
        }
    }

    private static void write(Path file, String pem, ExistingFile existing, boolean secret) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(existing, "existing");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        requireAbsent(existing, file);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(secret ? OWNER_ONLY : PUBLIC)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attributes);
        try {
            if (posix) {
                // The umask may have taken bits away from a public file; a secret one cannot gain any.
                Files.setPosixFilePermissions(temp, secret ? OWNER_ONLY : PUBLIC);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            if (existing == ExistingFile.REPLACE) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
