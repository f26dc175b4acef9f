package org.icewarp.core.access;

/**
 * Narrows a binary search over sorted interval starts to one of 256 buckets, chosen by the 8 bits that follow the
 * longest prefix all starts share.
 *
 * <p>Why the bits after the common prefix rather than the top 8 bits: real lists crowd into one block (everything in
 * {@code 2001:db8::/32}, or in {@code 10.0.0.0/8}), where the top bits are the same for every entry and would put all
 * of them in one bucket. With the index, a search over thousands of intervals takes a handful of probes within a few
 * cache lines instead of about log2(n) probes spread over the array.
 *
 * <p>Keys are unsigned 64-bit values: an IPv4 address (possibly reordered) in the upper 32 bits, or the first 64 bits
 * of an IPv6 address. When the starts share more than 56 bits there are not 8 bits left to bucket by, and the index
 * covers the whole array as a single range.
 */
final class BucketIndex {

    private static final int BUCKETS = 256;

    /** Below this many intervals a plain binary search is as fast, and the index would only cost memory. */
    static final int MIN_SIZE = 32;

    /** Number of leading bits all starts share, or -1 when the index is not used. */
    private final int prefixLength;

    /** The shared leading bits, the rest zero. */
    private final long prefix;

    /** {@code starts[b]} is the first interval whose bucket is at least {@code b}; {@code starts[256]} is n. */
    private final int[] starts;

    private final int size;

    /** Builds the index over {@code keys}, which must be sorted as unsigned values. */
    BucketIndex(long[] keys) {
        this.size = keys.length;
        int shared = keys.length == 0 ? 64 : Long.numberOfLeadingZeros(keys[0] ^ keys[keys.length - 1]);
        if (keys.length < MIN_SIZE || shared > 56) {
            this.prefixLength = -1;
            this.prefix = 0;
            this.starts = null;
            return;
        }
        this.prefixLength = shared;
        this.prefix = shared == 0 ? 0 : keys[0] & (-1L << (64 - shared));
        this.starts = new int[BUCKETS + 1];
        int next = 0;
        for (int bucket = 0; bucket <= BUCKETS; bucket++) {
            while (next < keys.length && bucketOf(keys[next]) < bucket) {
                next++;
            }
            starts[bucket] = next;
        }
    }

    private int bucketOf(long key) {
        return (int) ((key << prefixLength) >>> 56);
    }

    /**
     * Returns the range of intervals that can hold the last start at or below {@code key}, packed as {@code (from <<
     * 32) | to} with {@code to} exclusive; when that start lies before the range, it is the interval at {@code from -
     * 1} (or none, if {@code from} is 0).
     */
    long range(long key) {
        if (prefixLength < 0) {
            return size;
        }
        if (prefixLength > 0 && (key & (-1L << (64 - prefixLength))) != prefix) {
            // Outside the shared block: before every start, or after every start.
            return Long.compareUnsigned(key, prefix) < 0 ? 0 : ((long) size << 32) | size;
        }
        int bucket = bucketOf(key);
        return ((long) starts[bucket] << 32) | starts[bucket + 1];
    }
}
