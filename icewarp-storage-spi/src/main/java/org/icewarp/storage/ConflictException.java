package org.icewarp.storage;

/** The object changed under the operation, or is held by someone else (a queue lease owned by another node, a folder renamed meanwhile). */
public class ConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the object */
    public ConflictException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause the underlying failure
     */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
