package org.icewarp.protocols.smtp;

import java.util.List;
import java.util.Objects;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.QueueId;

/**
 * Every durable copy of one delivered message.
 *
 * @param stored the copies appended to INBOXes, in envelope order
 * @param queued the queue entry for the remote recipients: empty or one
 */
record DeliveryResult(List<StoredCopy> stored, List<QueueId> queued) {
    /** Validates and copies. */
    DeliveryResult {
        stored = List.copyOf(stored);
        queued = List.copyOf(queued);
        if (queued.size() > 1) {
            throw new IllegalArgumentException("a delivery queues at most one message");
        }
    }

    /**
     * One appended copy.
     *
     * @param mailbox the account
     * @param uidValidity the INBOX's UIDVALIDITY
     * @param uid the copy's UID
     * @param size its stored size in bytes
     */
    record StoredCopy(EmailAddress mailbox, long uidValidity, long uid, long size) {
        /** Validates. */
        StoredCopy {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }
}
