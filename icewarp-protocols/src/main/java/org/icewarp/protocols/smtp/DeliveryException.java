package org.icewarp.protocols.smtp;

import java.util.Objects;

/**
 * A delivery did not happen: nothing of it is left in storage (the copies already appended were expunged). The session
 * answers the {@link Reason}'s reply to the end of DATA/BDAT; the client keeps the message and tries again.
 */
final class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, and so which reply. */
    enum Reason {
        /** Storage failed (I/O, database down, a bug in a store): {@code 451 4.3.0}. */
        STORAGE,
        /**
         * A mailbox's quota refused its copy when it was appended: {@code 452 4.2.2}. The whole transaction fails,
         * not only that recipient: after DATA, SMTP has one reply for all recipients, and accepting the message for
         * the others while telling the client "try again" would deliver it twice when the client does.
         */
        QUOTA
    }

    private final Reason reason;

    DeliveryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the delivery failed. */
    Reason reason() {
        return reason;
    }
}
