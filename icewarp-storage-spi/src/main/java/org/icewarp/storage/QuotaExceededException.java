package org.icewarp.storage;

/** The operation would take an account over its quota; nothing was stored. */
public class QuotaExceededException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the object */
    public QuotaExceededException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the object
     * @param cause the underlying failure
     */
    public QuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
