package org.icewarp.core.access;

import java.util.Arrays;

/**
 * Sorted, disjoint, non-adjacent IPv4 intervals in one {@link OctetOrder}, searched by binary search.
 *
 * <p>Bounds are stored with the sign bit flipped, so that signed {@code int} comparison orders them as unsigned
 * addresses and {@link Arrays#binarySearch(int[], int, int, int)} can be used directly. A lookup costs one reordering
 * of the address (four shifts), one read of a {@link BucketIndex} and a binary search within one bucket; it does not
 * allocate.
 */
final class Ipv4Layer {

    private final int shift0;
    private final int shift1;
    private final int shift2;
    private final int shift3;
    private final int[] firsts;
    private final int[] lasts;
    private final BucketIndex index;

    Ipv4Layer(OctetOrder order, int[] firsts, int[] lasts) {
        this.shift0 = 24 - 8 * order.first();
        this.shift1 = 24 - 8 * order.second();
        this.shift2 = 24 - 8 * order.third();
        this.shift3 = 24 - 8 * order.fourth();
        this.firsts = firsts;
        this.lasts = lasts;
        long[] keys = new long[firsts.length];
        for (int i = 0; i < firsts.length; i++) {
            keys[i] = ((firsts[i] ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL) << 32;
        }
        this.index = new BucketIndex(keys);
    }

    boolean contains(int address) {
        int reordered = ((address >>> shift0) & 0xFF) << 24
                | ((address >>> shift1) & 0xFF) << 16
                | ((address >>> shift2) & 0xFF) << 8
                | ((address >>> shift3) & 0xFF);
        long range = index.range((reordered & 0xFFFF_FFFFL) << 32);
        int key = reordered ^ Integer.MIN_VALUE;
        int found = Arrays.binarySearch(firsts, (int) (range >>> 32), (int) range, key);
        if (found >= 0) {
            return true;
        }
        int candidate = -found - 2; // the last interval that starts below the key
        return candidate >= 0 && key <= lasts[candidate];
    }

    int size() {
        return firsts.length;
    }
}
