package org.icewarp.storage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One recipient of a queued message with its RFC 3461 parameters.
 *
 * @param address the recipient address as given in RCPT TO
 * @param notifyOn NOTIFY values; empty when the client gave none
 * @param originalRecipient ORCPT, or {@code ""}
 */
public record QueueRecipient(String address, Set<DsnNotify> notifyOn, String originalRecipient) {
    /** Validates and copies. */
    public QueueRecipient {
        Objects.requireNonNull(address, "address");
        if (address.isEmpty() || address.length() > 512) {
            throw new IllegalArgumentException("recipient address must be 1 to 512 characters");
        }
        notifyOn = notifyOn.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(DsnNotify.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(notifyOn));
        Objects.requireNonNull(originalRecipient, "originalRecipient");
    }

    /** A recipient without DSN parameters. */
    public static QueueRecipient of(String address) {
        return new QueueRecipient(address, Set.of(), "");
    }
}
