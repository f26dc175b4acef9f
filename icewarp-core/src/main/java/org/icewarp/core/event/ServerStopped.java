package org.icewarp.core.event;

import java.time.Instant;
import java.util.Objects;

/** The server stopped: no service is listening any more. */
public record ServerStopped(Instant at) implements ServerEvent {
    /** Validates the fields. */
    public ServerStopped {
        Objects.requireNonNull(at, "at");
    }
}
