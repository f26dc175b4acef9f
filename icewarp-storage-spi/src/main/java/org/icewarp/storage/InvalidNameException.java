package org.icewarp.storage;

/** A name or address is not acceptable: empty, too long, or containing something that could escape the store (separators, dot segments, control characters, reserved device names). */
public class InvalidNameException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the object */
    public InvalidNameException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause the underlying failure
     */
    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
