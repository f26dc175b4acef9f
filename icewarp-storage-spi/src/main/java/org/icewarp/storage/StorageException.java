package org.icewarp.storage;

/**
 * A storage operation failed. The subclasses say why, so that a protocol can map each to its reply (see the table in
 * the package documentation): {@link NotFoundException}, {@link AlreadyExistsException}, {@link
 * QuotaExceededException}, {@link InvalidNameException}, {@link ConflictException} and {@link
 * StorageUnavailableException}. A failed operation changed nothing.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the object */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause the underlying failure
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
