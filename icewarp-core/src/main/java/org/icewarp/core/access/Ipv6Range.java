package org.icewarp.core.access;

import java.util.Objects;

/**
 * A contiguous block of IPv6 addresses from {@code first} to {@code last}, both inclusive. An exact address, a CIDR
 * block and a full-address range all parse to this.
 */
record Ipv6Range(Uint128 first, Uint128 last) implements AddressEntry {

    /** The IPv4-mapped block {@code ::ffff:0:0/96}. */
    static final Uint128 MAPPED_FIRST = new Uint128(0, 0x0000_FFFF_0000_0000L);

    static final Uint128 MAPPED_LAST = new Uint128(0, 0x0000_FFFF_FFFF_FFFFL);

    Ipv6Range {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("reversed IPv6 range");
        }
    }

    /** Whether every address of this block is an IPv4-mapped address, so the block is really an IPv4 block. */
    boolean isIpv4Mapped() {
        return first.compareTo(MAPPED_FIRST) >= 0 && last.compareTo(MAPPED_LAST) <= 0;
    }

    /** The IPv4 block this one maps; only meaningful when {@link #isIpv4Mapped()}. */
    Ipv4Range toIpv4() {
        return new Ipv4Range(first.low() & Ipv4Range.MAX, last.low() & Ipv4Range.MAX);
    }
}
