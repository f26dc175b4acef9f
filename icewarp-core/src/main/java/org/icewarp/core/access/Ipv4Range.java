package org.icewarp.core.access;

/**
 * A contiguous block of IPv4 addresses from {@code first} to {@code last}, both inclusive, as unsigned 32-bit values
 * held in longs. An exact address, a CIDR block and a full-address range all parse to this.
 */
record Ipv4Range(long first, long last) implements AddressEntry {

    static final long MAX = 0xFFFF_FFFFL;

    Ipv4Range {
        if (first < 0 || last > MAX || first > last) {
            throw new IllegalArgumentException("bad IPv4 range " + first + "-" + last);
        }
    }

    static Ipv4Range cidr(long address, int prefix) {
        long hostMask = MAX >>> prefix;
        long first = address & ~hostMask & MAX;
        return new Ipv4Range(first, first | hostMask);
    }
}
