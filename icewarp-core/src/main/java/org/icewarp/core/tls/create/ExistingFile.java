package org.icewarp.core.tls.create;

/** What writing a file does when the file already exists. */
public enum ExistingFile {
    /** Leave it alone and fail with {@link java.nio.file.FileAlreadyExistsException}. */
    FAIL,
    /** Replace it, atomically: a reader sees the old content or the new, never a mixture. */
    REPLACE
}
