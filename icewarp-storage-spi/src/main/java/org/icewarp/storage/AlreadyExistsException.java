package org.icewarp.storage;

/** An object of that name or address already exists. */
public class AlreadyExistsException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the object */
    public AlreadyExistsException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause the underlying failure
     */
    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
