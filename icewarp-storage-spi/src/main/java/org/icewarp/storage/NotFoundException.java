package org.icewarp.storage;

/** The named domain, account, group, folder, message or queue item does not exist. */
public class NotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the object */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause the underlying failure
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
