package org.icewarp.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A new configuration was accepted and applied.
 *
 * @param at when it was applied
 * @param restarted the services that were started, stopped or restarted to apply it
 * @param updated the services whose access rule, limits or log level changed in place, without a restart
 */
public record SettingsChanged(Instant at, Set<String> restarted, Set<String> updated) implements ServerEvent {
    /** Validates and copies the fields. */
    public SettingsChanged {
        Objects.requireNonNull(at, "at");
        restarted = Set.copyOf(restarted);
        updated = Set.copyOf(updated);
    }
}
