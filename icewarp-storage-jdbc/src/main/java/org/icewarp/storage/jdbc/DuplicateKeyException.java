package org.icewarp.storage.jdbc;

import org.icewarp.storage.AlreadyExistsException;

/**
 * A unique key stopped a write: what was to be created was created meanwhile, by another thread or another server.
 * Operations that check first see this only when they lose such a race.
 */
final class DuplicateKeyException extends AlreadyExistsException {
    private static final long serialVersionUID = 1L;

    DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
