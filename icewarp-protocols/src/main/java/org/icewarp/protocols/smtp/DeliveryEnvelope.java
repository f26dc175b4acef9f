package org.icewarp.protocols.smtp;

import java.util.List;
import java.util.Objects;
import org.icewarp.storage.QueueRecipient;

/**
 * What one accepted transaction delivers to.
 *
 * @param sender the {@code MAIL FROM} address as text, {@code ""} for the null sender
 * @param local the mailboxes to append to (duplicates are delivered once)
 * @param remote the recipients to queue, groups' remote members included, with their RFC 3461 parameters
 * @param envelopeId RFC 3461 {@code ENVID}, or {@code ""}
 * @param returnFull RFC 3461 {@code RET=FULL} (otherwise headers only)
 */
record DeliveryEnvelope(
        String sender, List<LocalTarget> local, List<QueueRecipient> remote, String envelopeId, boolean returnFull) {
    /** Validates and copies. */
    DeliveryEnvelope {
        Objects.requireNonNull(sender, "sender");
        local = List.copyOf(local);
        remote = List.copyOf(remote);
        Objects.requireNonNull(envelopeId, "envelopeId");
        if (local.isEmpty() && remote.isEmpty()) {
            throw new IllegalArgumentException("a delivery needs at least one recipient");
        }
    }
}
