package org.icewarp.core.access;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A compiled set of IP addresses, written as an access list such as {@code
 * 192.168.*.*;127.0.0.1;192-193.*.*.*;[Firewall];10.0.0.0/8;2001:db8::/32}. The syntax is described in the {@linkplain
 * org.icewarp.core.access package documentation}.
 *
 * <p>Checking an address does not depend on how many entries the list has in any linear way: entries are merged into
 * sorted interval arrays, and a lookup reads a 256-bucket index and binary-searches one bucket, so a list of 10,000
 * entries costs a few more probes than a list of ten. Only octet patterns with three or more wide restricted octets (such as {@code 1-100.1-100.1-100.*}) fall back to
 * a bitset scan that costs one step per 64 such patterns. Names are never resolved: the set holds addresses only.
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is the IPv4 address {@code a.b.c.d}, both when it is checked
 * and when it is written as an entry.
 *
 * <p>Instances are immutable and thread-safe. Equality is identity; compare {@link #toString()} to compare sources.
 */
public final class AddressSet {

    private static final AddressSet EMPTY = new AddressSet("", 0, Ipv4Matcher.EMPTY, Ipv6Intervals.EMPTY);

    private static final VarHandle INT_VIEW = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_VIEW = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Bytes 8-11 of an IPv4-mapped IPv6 address; bytes 0-7 are zero. */
    private static final int MAPPED_MARKER = 0x0000_FFFF;

    private final String source;
    private final int entryCount;
    private final Ipv4Matcher ipv4;
    private final Ipv6Intervals ipv6;

    AddressSet(String source, int entryCount, Ipv4Matcher ipv4, Ipv6Intervals ipv6) {
        this.source = source;
        this.entryCount = entryCount;
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    /**
     * Returns the set with no addresses.
     *
     * @return the empty set, whose source text is {@code ""}; never null
     */
    public static AddressSet empty() {
        return EMPTY;
    }

    /**
     * Parses and compiles an access list.
     *
     * @param entries entries separated by {@code ';'}; whitespace around entries and empty entries are ignored, so
     *     {@code ""} is the empty set; must not be null
     * @param patterns the patterns that {@code [Name]} entries refer to; must not be null
     * @return the compiled set; never null
     * @throws NullPointerException if an argument is null
     * @throws InvalidAccessEntryException if an entry is malformed, refers to an unknown pattern, or reaches through
     *     a pattern an item that is not an IP entry (such as an e-mail mask); the message quotes the entry and names
     *     the pattern
     */
    public static AddressSet parse(String entries, Patterns patterns) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(patterns, "patterns");
        return AccessListCompiler.compile(entries, patterns);
    }

    /**
     * Checks whether an address is in the set. An IPv4-mapped IPv6 address is checked as its IPv4 address; an IPv6
     * scope is ignored. Safe to call from any thread; allocates nothing beyond the copy that {@link
     * InetAddress#getAddress()} returns.
     *
     * @param address the address to check; must not be null
     * @return whether any entry of the set covers the address
     * @throws NullPointerException if {@code address} is null
     */
    public boolean contains(InetAddress address) {
        Objects.requireNonNull(address, "address");
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ipv4.contains((int) INT_VIEW.get(bytes, 0));
        }
        long high = (long) LONG_VIEW.get(bytes, 0);
        long low = (long) LONG_VIEW.get(bytes, 8);
        if (high == 0 && (int) (low >>> 32) == MAPPED_MARKER) {
            return ipv4.contains((int) low);
        }
        return ipv6.contains(high, low);
    }

    /**
     * Returns the number of entries after pattern expansion: each address entry of the list counts once, and each
     * {@code [Name]} reference counts as the entries of that pattern, expanded in turn.
     *
     * @return the entry count, at most {@link Integer#MAX_VALUE}
     */
    public int entryCount() {
        return entryCount;
    }

    /**
     * Returns the source text.
     *
     * @return the access list exactly as given to {@link #parse(String, Patterns)}
     */
    @Override
    public String toString() {
        return source;
    }

    Ipv4Matcher ipv4Matcher() {
        return ipv4;
    }

    Ipv6Intervals ipv6Intervals() {
        return ipv6;
    }
}
