package org.icewarp.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a provider gets to open a store: its options from configuration (for example {@code path}, {@code url}), the
 * server's clock, and the load-balancing server ID.
 *
 * @param options provider-specific options; a provider rejects unknown or invalid ones with an {@link
 *     IllegalArgumentException} naming the option
 * @param clock the clock stores take time from
 * @param serverId the load-balancing server ID (at most two characters, may be empty); prefixes file names
 */
public record StorageSettings(Options options, Clock clock, String serverId) {
    /** Validates. */
    public StorageSettings {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(serverId, "serverId");
        if (!serverId.matches("[A-Za-z0-9]{0,2}")) {
            throw new IllegalArgumentException("serverId '" + serverId + "' must be at most 2 letters or digits");
        }
    }

    /** Settings with options only, the system UTC clock and no server ID. */
    public static StorageSettings of(Options options) {
        return new StorageSettings(options, Clock.systemUTC(), "");
    }

    /**
     * A required path option.
     *
     * @throws IllegalArgumentException naming the option when it is missing
     */
    public Path path(String key) {
        String v = options.string(key, "");
        if (v.isBlank()) {
            throw new IllegalArgumentException("storage option '" + key + "' is required");
        }
        return Path.of(v);
    }
}
