package org.icewarp.storage.fs;

import java.util.concurrent.atomic.AtomicLong;
import org.icewarp.storage.AccountUsage;
import org.icewarp.storage.QuotaExceededException;

/** An account's message count and size over all folders, kept current by every index change; plus quota reservations. */
final class Totals {
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    /** Bytes of appends and copies in flight that the quota check must count. */
    private final AtomicLong reserved = new AtomicLong();

    void add(long messageDelta, long byteDelta) {
        messages.addAndGet(messageDelta);
        bytes.addAndGet(byteDelta);
    }

    /**
     * Reserves {@code size} bytes against {@code quota} (0 for none); the caller releases the reservation when the
     * change is applied or abandoned.
     *
     * @throws QuotaExceededException when the account would go over its quota
     */
    void reserve(long size, long quota, String account) {
        reserved.addAndGet(size);
        if (quota > 0 && bytes.get() + reserved.get() > quota) {
            reserved.addAndGet(-size);
            throw new QuotaExceededException("the mailbox of " + account + " would exceed its quota of " + quota
                    + " bytes (" + bytes.get() + " used)");
        }
    }

    void release(long size) {
        reserved.addAndGet(-size);
    }

    /** Forgets the counts (before a recount adds them again). */
    void reset() {
        messages.set(0);
        bytes.set(0);
    }

    AccountUsage usage() {
        return new AccountUsage(messages.get(), bytes.get());
    }
}
