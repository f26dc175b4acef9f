package org.icewarp.storage;

import java.util.Objects;

/**
 * Where one recipient of a queued message stands.
 *
 * @param recipient the recipient
 * @param state pending, delivered or failed
 * @param attempts attempts made for it
 * @param lastDetail the last outcome's detail, or {@code ""}
 */
public record RecipientStatus(QueueRecipient recipient, State state, int attempts, String lastDetail) {
    /** A recipient's state. */
    public enum State {
        /** Still to be delivered. */
        PENDING,
        /** Delivered. */
        DELIVERED,
        /** Failed permanently. */
        FAILED
    }

    /** Validates. */
    public RecipientStatus {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastDetail, "lastDetail");
    }
}
