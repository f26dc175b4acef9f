package org.icewarp.storage;

/**
 * A queued message's identifier, unique in its queue; letters, digits and {@code -} only, so it is safe as a file
 * name.
 *
 * @param value the identifier
 */
public record QueueId(String value) {
    /** Validates. */
    public QueueId {
        if (value == null || !value.matches("[A-Za-z0-9-]{1,64}")) {
            throw new InvalidNameException("queue id '" + value + "' must be 1 to 64 letters, digits or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
