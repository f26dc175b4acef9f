package org.icewarp.core.service;

/** A service could not be started (a port in use, a binding that cannot be honoured, a protocol that failed). */
public class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String service;

    /**
     * @param service the service instance name
     * @param message what failed, naming the binding or setting
     * @param cause the underlying failure, or {@code null}
     */
    public ServiceException(String service, String message, Throwable cause) {
        super("service " + service + ": " + message, cause);
        this.service = service;
    }

    /** The service instance name. */
    public String service() {
        return service;
    }
}
