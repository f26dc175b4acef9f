package org.icewarp.protocols.smtp;

import java.util.Objects;
import org.icewarp.storage.EmailAddress;

/**
 * One mailbox a message is appended to: an account's primary address and the quota its copy is checked against.
 *
 * @param mailbox the account's primary address (its mailbox key)
 * @param quotaBytes the account's quota in bytes, {@code 0} for unlimited
 */
record LocalTarget(EmailAddress mailbox, long quotaBytes) {
    /** Validates. */
    LocalTarget {
        Objects.requireNonNull(mailbox, "mailbox");
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("quotaBytes must be 0 (unlimited) or positive, was " + quotaBytes);
        }
    }
}
