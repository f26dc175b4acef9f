package org.icewarp.storage;

/** The storage itself failed (I/O error, database down); the operation may succeed later. Protocols answer with a temporary failure. */
public class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the object */
    public StorageUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause the underlying failure
     */
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
