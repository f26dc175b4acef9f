package org.icewarp.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A set of UIDs as sorted, disjoint, non-adjacent ranges (IMAP's {@code 1:5,9,12:*}). Immutable. UIDs are 1 to
 * {@link #MAX}.
 *
 * <p>IMAP's {@code *} is not {@link #MAX}: it means the highest UID in use in the folder (RFC 9051 section 9,
 * {@code seq-number}), and the caller must resolve it to that UID before it builds a set. Because a range's ends may
 * come in either order, {@code 559:*} in a folder whose highest UID is 300 is {@code range(559, 300)}, which holds 300;
 * resolving {@code *} to {@link #MAX} instead would wrongly leave 300 out. {@link #MAX} is only the largest UID a set
 * can represent; {@link #ALL} is every representable UID, for operations on a whole folder.
 */
public final class UidSet {
    /** The largest UID (IMAP: 32-bit unsigned, non-zero). */
    public static final long MAX = 0xFFFF_FFFFL;
    /** Every UID. */
    public static final UidSet ALL = new UidSet(new long[] {1, MAX});
    /** No UID. */
    public static final UidSet EMPTY = new UidSet(new long[0]);

    /** Pairs of inclusive bounds: [lo0, hi0, lo1, hi1, ...]. */
    private final long[] ranges;

    private UidSet(long[] ranges) {
        this.ranges = ranges;
    }

    /** The UIDs {@code from} to {@code to}, inclusive, in either order. */
    public static UidSet range(long from, long to) {
        long lo = Math.min(from, to);
        long hi = Math.max(from, to);
        check(lo);
        check(hi);
        return new UidSet(new long[] {lo, hi});
    }

    /** The given UIDs. */
    public static UidSet of(long... uids) {
        List<long[]> r = new ArrayList<>();
        for (long u : uids) {
            check(u);
            r.add(new long[] {u, u});
        }
        return normalise(r);
    }

    /** The given UIDs. */
    public static UidSet of(Collection<Long> uids) {
        return of(uids.stream().mapToLong(Long::longValue).toArray());
    }

    /** The union of ranges given as inclusive {@code [lo, hi]} pairs. */
    public static UidSet ofRanges(List<long[]> ranges) {
        for (long[] r : ranges) {
            check(r[0]);
            check(r[1]);
        }
        return normalise(ranges);
    }

    private static void check(long uid) {
        if (uid < 1 || uid > MAX) {
            throw new IllegalArgumentException("UID " + uid + " is outside 1.." + MAX);
        }
    }

    private static UidSet normalise(List<long[]> input) {
        List<long[]> sorted = new ArrayList<>();
        for (long[] r : input) {
            sorted.add(new long[] {Math.min(r[0], r[1]), Math.max(r[0], r[1])});
        }
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Long> out = new ArrayList<>();
        for (long[] r : sorted) {
            int n = out.size();
            if (n > 0 && r[0] <= out.get(n - 1) + 1) {
                out.set(n - 1, Math.max(out.get(n - 1), r[1]));
            } else {
                out.add(r[0]);
                out.add(r[1]);
            }
        }
        return new UidSet(out.stream().mapToLong(Long::longValue).toArray());
    }

    /** Whether the set holds {@code uid}. O(log ranges). */
    public boolean contains(long uid) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (uid > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /**
     * The smallest UID.
     *
     * @throws NoSuchElementException when the set is empty
     */
    public long first() {
        requireNotEmpty("first");
        return ranges[0];
    }

    /**
     * The largest UID.
     *
     * @throws NoSuchElementException when the set is empty
     */
    public long last() {
        requireNotEmpty("last");
        return ranges[ranges.length - 1];
    }

    private void requireNotEmpty(String what) {
        if (ranges.length == 0) {
            throw new NoSuchElementException("the empty UID set has no " + what + " UID");
        }
    }

    /** The ranges as inclusive {@code [lo, hi]} pairs, ascending. */
    public List<long[]> ranges() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < ranges.length; i += 2) {
            out.add(new long[] {ranges[i], ranges[i + 1]});
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet u && Arrays.equals(ranges, u.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    /**
     * IMAP sequence-set syntax, with {@code *} for {@link #MAX}: for logs and tests, not for parsing back as a client's
     * {@code *} (see the class comment).
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ranges.length; i += 2) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(text(ranges[i]));
            if (ranges[i + 1] != ranges[i]) {
                sb.append(':').append(text(ranges[i + 1]));
            }
        }
        return sb.toString();
    }

    private static String text(long uid) {
        return uid == MAX ? "*" : Long.toString(uid);
    }
}
