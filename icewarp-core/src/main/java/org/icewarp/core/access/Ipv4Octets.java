package org.icewarp.core.access;

/**
 * An IPv4 octet pattern such as {@code 10.0-3.*.1-100}: one inclusive range per octet. The four lower bounds are
 * packed into {@code low} and the four upper bounds into {@code high}, most significant octet first, so {@code
 * 192.168.*.*} is {@code low = 192.168.0.0}, {@code high = 192.168.255.255}.
 */
record Ipv4Octets(int low, int high) implements AddressEntry {

    Ipv4Octets {
        for (int position = 0; position < 4; position++) {
            if (octet(low, position) > octet(high, position)) {
                throw new IllegalArgumentException("reversed octet range at position " + position);
            }
        }
    }

    /** Lower bound of the octet at {@code position} (0 is the leftmost). */
    int low(int position) {
        return octet(low, position);
    }

    /** Upper bound of the octet at {@code position} (0 is the leftmost). */
    int high(int position) {
        return octet(high, position);
    }

    /** Number of values the octet at {@code position} may take, 1 to 256. */
    int width(int position) {
        return high(position) - low(position) + 1;
    }

    /** Whether the octet at {@code position} is {@code *} (any value). */
    boolean isAny(int position) {
        return low(position) == 0 && high(position) == 255;
    }

    static int octet(int packed, int position) {
        return (packed >>> (24 - 8 * position)) & 0xFF;
    }
}
