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

    synchronized void add(long messageDelta, long byteDelta) {
        messages.addAndGet(messageDelta);
        bytes.addAndGet(byteDelta);
    }

    /**
     * Reserves {@code size} bytes against {@code quota} (0 for none); the caller releases the reservation when the
     * change is applied or abandoned.
     *
     * <p>Checked and reserved under the lock that {@link #add} and {@link #release} take: reading {@code bytes} and
     * {@code reserved} apart let a commit land between the two reads and be counted in neither, and adding before
     * checking made two concurrent reservers that would each fit reject each other.
     *
     * @throws QuotaExceededException when the account would go over its quota
     */
    synchronized void reserve(long size, long quota, String account) {
        if (quota > 0 && bytes.get() + reserved.get() + size > quota) {
            throw new QuotaExceededException("the mailbox of " + account + " would exceed its quota of " + quota
                    + " bytes (" + bytes.get() + " used)");
        }
        reserved.addAndGet(size);
    }

    synchronized void release(long size) {
        reserved.addAndGet(-size);
    }

    /** Forgets the counts (before a recount adds them again). */
    synchronized void reset() {
        messages.set(0);
        bytes.set(0);
    }

    AccountUsage usage() {
        return new AccountUsage(messages.get(), bytes.get());
    }
}
