package org.icewarp.core.access;

import java.math.BigInteger;

/**
 * A randomly generated access entry: its text, and what it means, stated independently of the production code. Every
 * address is viewed as 128 bits, IPv4 as its mapped form {@code ::ffff:a.b.c.d}, and each entry is a predicate on
 * that number.
 */
sealed interface ReferenceEntry {

    BigInteger MAPPED_FIRST = new BigInteger("ffff00000000", 16);
    BigInteger MAPPED_LAST = new BigInteger("ffffffffffff", 16);

    String text();

    boolean matches(BigInteger address);

    static boolean isMapped(BigInteger address) {
        return address.compareTo(MAPPED_FIRST) >= 0 && address.compareTo(MAPPED_LAST) <= 0;
    }

    static long ipv4Of(BigInteger mapped) {
        return mapped.subtract(MAPPED_FIRST).longValueExact();
    }

    /** An IPv4 octet pattern: each octet of the address within [low, high] of its position. */
    record Octets(String text, int[] low, int[] high) implements ReferenceEntry {
        @Override
        public boolean matches(BigInteger address) {
            if (!isMapped(address)) {
                return false;
            }
            long ipv4 = ipv4Of(address);
            for (int position = 0; position < 4; position++) {
                int octet = (int) (ipv4 >> (24 - 8 * position)) & 0xFF;
                if (octet < low[position] || octet > high[position]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An IPv4 CIDR block: the first {@code prefix} bits equal those of {@code base}. */
    record Ipv4Cidr(String text, long base, int prefix) implements ReferenceEntry {
        @Override
        public boolean matches(BigInteger address) {
            if (!isMapped(address)) {
                return false;
            }
            long differing = ipv4Of(address) ^ base;
            return (differing >>> (32 - prefix)) == 0 || prefix == 0;
        }
    }

    /** An IPv4 full-address range, inclusive. */
    record Ipv4Span(String text, long first, long last) implements ReferenceEntry {
        @Override
        public boolean matches(BigInteger address) {
            if (!isMapped(address)) {
                return false;
            }
            long ipv4 = ipv4Of(address);
            return first <= ipv4 && ipv4 <= last;
        }
    }

    /**
     * An IPv6 block (exact, CIDR or range), inclusive. Mapped addresses are IPv4 addresses, so the block covers them
     * only when it lies wholly inside the mapped block, that is, when it was an IPv4 block written in mapped form.
     */
    record Ipv6Span(String text, BigInteger first, BigInteger last) implements ReferenceEntry {
        @Override
        public boolean matches(BigInteger address) {
            if (address.compareTo(first) < 0 || address.compareTo(last) > 0) {
                return false;
            }
            boolean writtenAsIpv4 = isMapped(first) && isMapped(last);
            return !isMapped(address) || writtenAsIpv4;
        }
    }
}
