package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts parsed entries into the structures of an {@link AddressSet}.
 *
 * <ul>
 *   <li>IPv4 blocks (exact, CIDR, full-address range) go to the identity-order layer as one interval each.
 *   <li>An IPv4 octet pattern is expanded into the intervals it covers: in the identity order when that takes at most
 *       {@value #IDENTITY_PREFERRED_UP_TO} intervals (so ordinary lists need a single layer), otherwise in the order
 *       where it takes the fewest ({@link OctetOrder#fewestIntervalsFor}), when that is at most {@value
 *       #MAX_INTERVALS_PER_PATTERN} and the set's total stays within {@value #MAX_EXPANDED_INTERVALS}. Every pattern
 *       with at most two restricted octets fits in at most 255 intervals this way.
 *   <li>Whatever is left (three or four wide restricted octets) goes to the {@link Ipv4BoxBitsets} fallback.
 *   <li>IPv6 blocks go to {@link Ipv6Intervals}.
 * </ul>
 */
final class AddressSetBuilder {

    static final int IDENTITY_PREFERRED_UP_TO = 64;
    static final int MAX_INTERVALS_PER_PATTERN = 4096;
    static final int MAX_EXPANDED_INTERVALS = 1 << 20;

    private final Map<OctetOrder, Ipv4LayerBuilder> layers = new LinkedHashMap<>();
    private final Set<Ipv4Octets> fallback = new LinkedHashSet<>();
    private final List<Ipv6Range> ipv6 = new ArrayList<>();
    private long expanded;

    void add(AddressEntry entry) {
        if (entry instanceof Ipv4Range range) {
            layer(OctetOrder.IDENTITY).add(range.first(), range.last());
        } else if (entry instanceof Ipv4Octets octets) {
            add(octets);
        } else if (entry instanceof Ipv6Range range) {
            ipv6.add(range);
        }
    }

    private void add(Ipv4Octets octets) {
        OctetOrder order = OctetOrder.IDENTITY;
        long count = order.intervalCount(octets);
        if (count > IDENTITY_PREFERRED_UP_TO) {
            order = OctetOrder.fewestIntervalsFor(octets);
            count = order.intervalCount(octets);
        }
        if (count > MAX_INTERVALS_PER_PATTERN || expanded + count > MAX_EXPANDED_INTERVALS) {
            fallback.add(octets);
            return;
        }
        expanded += count;
        layer(order).addAll(octets);
    }

    private Ipv4LayerBuilder layer(OctetOrder order) {
        return layers.computeIfAbsent(order, Ipv4LayerBuilder::new);
    }

    Ipv4Matcher ipv4() {
        if (layers.isEmpty() && fallback.isEmpty()) {
            return Ipv4Matcher.EMPTY;
        }
        Ipv4Layer[] built =
                layers.values().stream().map(Ipv4LayerBuilder::build).toArray(Ipv4Layer[]::new);
        return new Ipv4Matcher(built, fallback.isEmpty() ? null : new Ipv4BoxBitsets(List.copyOf(fallback)));
    }

    Ipv6Intervals ipv6() {
        return Ipv6Intervals.of(ipv6);
    }
}
