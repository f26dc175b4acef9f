package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.access.TestAddresses.ip;

import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The compiled structure stays small as lists grow, which is what keeps {@link AddressSet#contains} logarithmic:
 * entries merge into interval arrays rather than being scanned one by one. These tests count structures instead of
 * timing lookups; {@code AccessRuleBenchmark} in the benchmarks module measures the time.
 */
class AddressSetStructureTest {

    @Test
    void thousandsOfOrdinaryEntriesShareOneIpv4LayerAndOneIpv6Array() {
        StringJoiner list = new StringJoiner(";");
        for (int i = 0; i < 2500; i++) {
            int a = 1 + i % 200;
            int b = i / 200;
            list.add(a + "." + b + ".1.1");
            list.add(a + "." + b + ".2.0/24");
            list.add(a + "." + b + ".3.*");
            list.add("2001:db8:" + Integer.toHexString(i) + "::/48");
        }

        AddressSet set = AddressSet.parse(list.toString(), Patterns.empty());

        assertThat(set.entryCount()).isEqualTo(10_000);
        assertThat(set.ipv4Matcher().layerCount()).isEqualTo(1);
        assertThat(set.ipv4Matcher().hasFallback()).isFalse();
        assertThat(set.ipv6Intervals().size()).isEqualTo(1); // the /48 blocks are adjacent and merge
        assertThat(set.contains(ip("200.11.2.77"))).isTrue();
        assertThat(set.contains(ip("200.11.4.77"))).isFalse();
    }

    @Test
    void wildcardInFirstOctetsIsOneIntervalReadInAnotherOrder() {
        AddressSet set = AddressSet.parse("*.*.*.5;*.*.*.6;*.*.*.7", Patterns.empty());

        assertThat(set.ipv4Matcher().layerCount()).isEqualTo(1);
        assertThat(set.ipv4Matcher().hasFallback()).isFalse();
        assertThat(new OctetOrder(3, 0, 1, 2).intervalCount(new Ipv4Octets(0x0000_0005, 0xFFFF_FF05)))
                .isEqualTo(1);
    }

    @Test
    void fewestIntervalsOrderReadsRestrictedOctetsFirstAndTheWidestOfThemLast() {
        Ipv4Octets octets = (Ipv4Octets) Ipv4Text.parseEntry("10.0-3.*.1-100");

        OctetOrder order = OctetOrder.fewestIntervalsFor(octets);

        assertThat(order).isEqualTo(new OctetOrder(0, 1, 3, 2));
        assertThat(order.intervalCount(octets)).isEqualTo(4);
        assertThat(OctetOrder.IDENTITY.intervalCount(octets)).isEqualTo(4 * 256);
    }

    @Test
    void patternWithThreeWideRangesFallsBackToBitsets() {
        AddressSet set = AddressSet.parse("1-100.1-100.1-100.*", Patterns.empty());

        assertThat(set.ipv4Matcher().layerCount()).isZero();
        assertThat(set.ipv4Matcher().hasFallback()).isTrue();
    }

    @Test
    void ipv4EntryWrittenInMappedFormJoinsTheIpv4Layer() {
        AddressSet set = AddressSet.parse("::ffff:10.0.0.0/104", Patterns.empty());

        assertThat(set.ipv4Matcher().layerCount()).isEqualTo(1);
        assertThat(set.ipv6Intervals().size()).isZero();
    }
}
