package org.icewarp.core.access;

import java.util.Arrays;

/** Collects IPv4 intervals of one {@link OctetOrder}, then sorts and merges them into an {@link Ipv4Layer}. */
final class Ipv4LayerBuilder {

    private final OctetOrder order;

    /** Each interval packed as (first with sign bit flipped) in the high half and last in the low half. */
    private long[] packed = new long[16];

    private int size;

    Ipv4LayerBuilder(OctetOrder order) {
        this.order = order;
    }

    /** Adds the interval {@code first..last} of the reordered address space (unsigned values). */
    void add(long first, long last) {
        if (size == packed.length) {
            packed = Arrays.copyOf(packed, size * 2);
        }
        packed[size++] = ((first ^ 0x8000_0000L) << 32) | last;
    }

    /** Adds every interval {@code octets} covers in this builder's order. */
    void addAll(Ipv4Octets octets) {
        int last = order.lastRestricted(octets);
        if (last < 0) {
            add(0, Ipv4Range.MAX);
        } else {
            expand(octets, last, 0, 0);
        }
    }

    private void expand(Ipv4Octets octets, int lastRestricted, int index, long prefix) {
        int source = order.source(index);
        int shift = 24 - 8 * index;
        if (index == lastRestricted) {
            long below = (1L << shift) - 1;
            add(prefix | ((long) octets.low(source) << shift), prefix | ((long) octets.high(source) << shift) | below);
            return;
        }
        for (int value = octets.low(source); value <= octets.high(source); value++) {
            expand(octets, lastRestricted, index + 1, prefix | ((long) value << shift));
        }
    }

    Ipv4Layer build() {
        Arrays.sort(packed, 0, size);
        int[] firsts = new int[size];
        int[] lasts = new int[size];
        int count = 0;
        long currentFirst = -1;
        long currentLast = -1;
        for (int i = 0; i < size; i++) {
            long first = (packed[i] >>> 32) ^ 0x8000_0000L;
            long last = packed[i] & Ipv4Range.MAX;
            if (currentFirst >= 0 && first <= currentLast + 1) {
                currentLast = Math.max(currentLast, last);
                continue;
            }
            if (currentFirst >= 0) {
                firsts[count] = (int) currentFirst ^ Integer.MIN_VALUE;
                lasts[count++] = (int) currentLast ^ Integer.MIN_VALUE;
            }
            currentFirst = first;
            currentLast = last;
        }
        if (currentFirst >= 0) {
            firsts[count] = (int) currentFirst ^ Integer.MIN_VALUE;
            lasts[count++] = (int) currentLast ^ Integer.MIN_VALUE;
        }
        return new Ipv4Layer(order, Arrays.copyOf(firsts, count), Arrays.copyOf(lasts, count));
    }
}
