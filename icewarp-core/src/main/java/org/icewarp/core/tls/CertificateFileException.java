package org.icewarp.core.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate, key or CA file that cannot be used. The message names the file and what is wrong with it, in words
 * an administrator can act on; {@link #problem()} says the same for code.
 */
public final class CertificateFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with a file. */
    public enum Problem {
        /** The file cannot be read (missing, permissions, I/O error). */
        UNREADABLE,
        /** The file is not PEM, or a PEM block in it cannot be decoded. */
        CORRUPT,
        /** The private key is protected by a passphrase; server keys must not have one. */
        PASSPHRASE_PROTECTED,
        /** The file holds no private key. */
        NO_KEY,
        /** The file holds no certificate. */
        NO_CERTIFICATE,
        /** The private key does not belong to any certificate in the file. */
        KEY_MISMATCH,
        /** The certificate's validity has ended (or not begun). */
        EXPIRED,
        /** The file holds something this server does not use (for example two private keys). */
        UNSUPPORTED
    }

    private final transient Path file;
    private final Problem problem;

    /**
     * @param file the file at fault
     * @param problem what is wrong
     * @param detail the explanation, without the file name (the message adds it)
     */
    public CertificateFileException(Path file, Problem problem, String detail, Throwable cause) {
        super("certificate file " + file + ": " + detail, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong with it. */
    public Problem problem() {
        return problem;
    }
}
