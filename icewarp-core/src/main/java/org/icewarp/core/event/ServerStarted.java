package org.icewarp.core.event;

import java.time.Instant;
import java.util.Objects;

/** The server finished starting: every enabled service is listening. */
public record ServerStarted(Instant at) implements ServerEvent {
    /** Validates the fields. */
    public ServerStarted {
        Objects.requireNonNull(at, "at");
    }
}
