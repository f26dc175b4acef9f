package org.icewarp.core.access;

import java.util.List;

/**
 * The fallback for IPv4 octet patterns that no octet order turns into a modest number of intervals, such as {@code
 * 1-100.1-100.1-100.*} (10,000 intervals at best).
 *
 * <p>For each octet position and value it keeps a bitset of the patterns that allow that value there; an address
 * matches when the four bitsets for its octets share a bit. A lookup therefore costs {@code 4 * ceil(n / 64)} long
 * reads for {@code n} such patterns: linear, but 64 patterns per step and without branches, and it touches nothing
 * when there are none. Memory is {@code 1024 * ceil(n / 64)} longs (8 KiB per 64 patterns).
 */
final class Ipv4BoxBitsets {

    private final int words;

    /** Row {@code (position * 256 + value)} holds {@code words} longs: bit {@code i} set if box {@code i} allows it. */
    private final long[] bits;

    Ipv4BoxBitsets(List<Ipv4Octets> boxes) {
        this.words = (boxes.size() + 63) / 64;
        this.bits = new long[4 * 256 * words];
        for (int box = 0; box < boxes.size(); box++) {
            Ipv4Octets octets = boxes.get(box);
            for (int position = 0; position < 4; position++) {
                for (int value = octets.low(position); value <= octets.high(position); value++) {
                    bits[(position * 256 + value) * words + box / 64] |= 1L << box;
                }
            }
        }
    }

    boolean contains(int address) {
        int row0 = (address >>> 24) * words;
        int row1 = (256 + ((address >>> 16) & 0xFF)) * words;
        int row2 = (512 + ((address >>> 8) & 0xFF)) * words;
        int row3 = (768 + (address & 0xFF)) * words;
        for (int word = 0; word < words; word++) {
            if ((bits[row0 + word] & bits[row1 + word] & bits[row2 + word] & bits[row3 + word]) != 0) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return words;
    }
}
