package org.icewarp.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A changed configuration file was rejected; the running configuration stays in force.
 *
 * @param at when the file was read
 * @param source the file that was read
 * @param reason the message naming the key and value at fault
 */
public record SettingsRejected(Instant at, String source, String reason) implements ServerEvent {
    /** Validates the fields. */
    public SettingsRejected {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }
}
