package org.icewarp.core.access;

/**
 * An order in which to read the four octets of an IPv4 address, as the source position (0 = leftmost) of each octet
 * of the reordered address.
 *
 * <p>Why: an octet pattern such as {@code *.*.*.5} covers 16 million separate intervals of the address space in the
 * usual order, but exactly one, {@code 5.*.*.*}, when the last octet is read first. {@link Ipv4Layer} keeps the
 * intervals of one order; most lists need only the identity order.
 */
record OctetOrder(int first, int second, int third, int fourth) {

    static final OctetOrder IDENTITY = new OctetOrder(0, 1, 2, 3);

    OctetOrder {
        if ((1 << first | 1 << second | 1 << third | 1 << fourth) != 0b1111) {
            throw new IllegalArgumentException("not a permutation of 0-3");
        }
    }

    /** Source position of octet {@code index} of the reordered address. */
    int source(int index) {
        return switch (index) {
            case 0 -> first;
            case 1 -> second;
            case 2 -> third;
            case 3 -> fourth;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    /**
     * The order in which {@code octets} spans the fewest intervals: the octets that are not {@code *}, the widest of
     * them last, then the {@code *} octets. The count is then the product of the widths of the non-{@code *} octets
     * other than the widest, which no other order can beat, because an octet read before the last restricted one
     * multiplies the count by its width.
     */
    static OctetOrder fewestIntervalsFor(Ipv4Octets octets) {
        int widest = -1;
        for (int position = 0; position < 4; position++) {
            if (!octets.isAny(position) && (widest < 0 || octets.width(position) >= octets.width(widest))) {
                widest = position;
            }
        }
        int[] order = new int[4];
        int next = 0;
        for (int position = 0; position < 4; position++) {
            if (!octets.isAny(position) && position != widest) {
                order[next++] = position;
            }
        }
        if (widest >= 0) {
            order[next++] = widest;
        }
        for (int position = 0; position < 4; position++) {
            if (octets.isAny(position)) {
                order[next++] = position;
            }
        }
        return new OctetOrder(order[0], order[1], order[2], order[3]);
    }

    /**
     * How many disjoint intervals of the reordered address space {@code octets} covers: the product of the widths of
     * the octets read before the last one that is not {@code *}.
     */
    long intervalCount(Ipv4Octets octets) {
        int last = lastRestricted(octets);
        long count = 1;
        for (int index = 0; index < last; index++) {
            count *= octets.width(source(index));
        }
        return count;
    }

    /** Index in this order of the last octet that is not {@code *}, or -1 when all are. */
    int lastRestricted(Ipv4Octets octets) {
        for (int index = 3; index >= 0; index--) {
            if (!octets.isAny(source(index))) {
                return index;
            }
        }
        return -1;
    }
}
