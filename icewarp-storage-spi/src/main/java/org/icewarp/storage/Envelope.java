package org.icewarp.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of a queued message.
 *
 * @param sender MAIL FROM, {@code ""} for the null sender
 * @param recipients the recipients, at least one
 * @param received when the message was accepted
 * @param envelopeId RFC 3461 ENVID, or {@code ""}
 * @param returnFull RFC 3461 RET=FULL (otherwise headers only)
 */
public record Envelope(
        String sender, List<QueueRecipient> recipients, Instant received, String envelopeId, boolean returnFull) {
    /** Validates and copies. */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(envelopeId, "envelopeId");
    }
}
