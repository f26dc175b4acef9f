package org.icewarp.storage.migration;

import org.icewarp.storage.UidSet;

/**
 * Walks the UIDs {@code first..last} in windows, so that a folder's metadata is read a page at a time. UIDs may be
 * sparse (expunged gaps), and the SPI lists by UID set without a limit, so the width adapts: it doubles after a window
 * that held fewer than a quarter page, and halves after one that held more than a page. A window is never wider than
 * {@link #MAX_WIDTH} UIDs, which bounds what one read can return.
 */
final class UidWindows {
    /** The widest window, in UIDs. */
    static final long MAX_WIDTH = 1 << 16;

    private final long last;
    private final int page;
    private long next;
    private long width;

    UidWindows(long first, long last, int page) {
        this.next = Math.max(1, first);
        this.last = Math.min(last, UidSet.MAX);
        this.page = page;
        this.width = page;
    }

    boolean hasNext() {
        return next <= last;
    }

    /** The next window; then call {@link #observed} with how many messages it held. */
    UidSet next() {
        long hi = Math.min(last, next + width - 1);
        UidSet w = UidSet.range(next, hi);
        next = hi + 1;
        return w;
    }

    void observed(int messages) {
        if (messages < page / 4 && width < MAX_WIDTH) {
            width = Math.min(MAX_WIDTH, width * 2);
        } else if (messages > page && width > page) {
            width = Math.max(page, width / 2);
        }
    }
}
