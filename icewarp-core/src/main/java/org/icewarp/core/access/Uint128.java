package org.icewarp.core.access;

/** An unsigned 128-bit number, the numeric value of an IPv6 address: {@code high} holds the first 64 bits. */
record Uint128(long high, long low) implements Comparable<Uint128> {

    static final Uint128 ZERO = new Uint128(0, 0);
    static final Uint128 MAX = new Uint128(-1L, -1L);

    @Override
    public int compareTo(Uint128 other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /** This value plus one; callers must not increment {@link #MAX}. */
    Uint128 next() {
        return low == -1L ? new Uint128(high + 1, 0) : new Uint128(high, low + 1);
    }

    /** The lowest address of the {@code /prefix} block that holds this one. */
    Uint128 networkOf(int prefix) {
        return new Uint128(high & highMask(prefix), low & lowMask(prefix));
    }

    /** The highest address of the {@code /prefix} block that holds this one. */
    Uint128 broadcastOf(int prefix) {
        return new Uint128(high | ~highMask(prefix), low | ~lowMask(prefix));
    }

    private static long highMask(int prefix) {
        return prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    private static long lowMask(int prefix) {
        return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    }
}
