package org.icewarp.storage;

import java.util.Objects;

/**
 * A change of flags (IMAP STORE): replace, add or remove.
 *
 * @param mode how to apply {@code flags}
 * @param flags the flags
 */
public record FlagUpdate(Mode mode, Flags flags) {
    /** How a flag update applies. */
    public enum Mode {
        /** The message's flags become exactly these. */
        REPLACE,
        /** These are added. */
        ADD,
        /** These are removed. */
        REMOVE
    }

    /** Validates. */
    public FlagUpdate {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(flags, "flags");
    }

    /** The flags a message has after this update. */
    public Flags apply(Flags current) {
        return switch (mode) {
            case REPLACE -> flags;
            case ADD -> current.plus(flags);
            case REMOVE -> current.minus(flags);
        };
    }
}
