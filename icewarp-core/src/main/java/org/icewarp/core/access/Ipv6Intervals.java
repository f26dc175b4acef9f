package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sorted, disjoint, non-adjacent IPv6 intervals searched by binary search. Each bound is two longs with the sign bit
 * flipped, so signed comparison of (high, low) orders them as unsigned 128-bit numbers. A lookup reads a {@link
 * BucketIndex} over the first 64 bits and binary-searches one bucket; it does not allocate.
 */
final class Ipv6Intervals {

    static final Ipv6Intervals EMPTY = new Ipv6Intervals(new long[0], new long[0], new long[0], new long[0]);

    private final long[] firstHighs;
    private final long[] firstLows;
    private final long[] lastHighs;
    private final long[] lastLows;
    private final BucketIndex index;

    private Ipv6Intervals(long[] firstHighs, long[] firstLows, long[] lastHighs, long[] lastLows) {
        this.firstHighs = firstHighs;
        this.firstLows = firstLows;
        this.lastHighs = lastHighs;
        this.lastLows = lastLows;
        long[] keys = new long[firstHighs.length];
        for (int i = 0; i < firstHighs.length; i++) {
            keys[i] = firstHighs[i] ^ Long.MIN_VALUE;
        }
        this.index = new BucketIndex(keys);
    }

    /** Sorts and merges {@code ranges}. */
    static Ipv6Intervals of(List<Ipv6Range> ranges) {
        if (ranges.isEmpty()) {
            return EMPTY;
        }
        List<Ipv6Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Ipv6Range::first));
        List<Ipv6Range> merged = new ArrayList<>();
        Ipv6Range current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Ipv6Range next = sorted.get(i);
            boolean touches = current.last().equals(Uint128.MAX)
                    || next.first().compareTo(current.last().next()) <= 0;
            if (touches) {
                if (next.last().compareTo(current.last()) > 0) {
                    current = new Ipv6Range(current.first(), next.last());
                }
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        int size = merged.size();
        long[] firstHighs = new long[size];
        long[] firstLows = new long[size];
        long[] lastHighs = new long[size];
        long[] lastLows = new long[size];
        for (int i = 0; i < size; i++) {
            Ipv6Range range = merged.get(i);
            firstHighs[i] = range.first().high() ^ Long.MIN_VALUE;
            firstLows[i] = range.first().low() ^ Long.MIN_VALUE;
            lastHighs[i] = range.last().high() ^ Long.MIN_VALUE;
            lastLows[i] = range.last().low() ^ Long.MIN_VALUE;
        }
        return new Ipv6Intervals(firstHighs, firstLows, lastHighs, lastLows);
    }

    /** Whether the address with the given first and last 64 bits is in the set. */
    boolean contains(long high, long low) {
        long h = high ^ Long.MIN_VALUE;
        long l = low ^ Long.MIN_VALUE;
        long range = index.range(high);
        int from = (int) (range >>> 32);
        int to = (int) range - 1;
        int candidate = from - 1; // the last interval that starts at or below the address
        while (from <= to) {
            int middle = (from + to) >>> 1;
            long firstHigh = firstHighs[middle];
            if (firstHigh < h || (firstHigh == h && firstLows[middle] <= l)) {
                candidate = middle;
                from = middle + 1;
            } else {
                to = middle - 1;
            }
        }
        if (candidate < 0) {
            return false;
        }
        long lastHigh = lastHighs[candidate];
        return lastHigh > h || (lastHigh == h && lastLows[candidate] >= l);
    }

    int size() {
        return firstHighs.length;
    }
}
