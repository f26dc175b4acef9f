package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compiles thousands of random entries of every kind and compares {@link AddressSet#contains} with a plain scan of
 * {@link ReferenceEntry} predicates, which share no code with the compiled structures.
 */
class AddressSetCrossCheckTest {

    @ParameterizedTest(name = "seed {0}: {1} entries ({2} broad), {3} addresses")
    @CsvSource({
        "1, 3000, 0.01, 20000",
        "2, 3000, 0.01, 20000",
        "3, 5000, 0.005, 10000",
        "4, 30, 0.2, 20000",
        "5, 30, 0.2, 20000",
        "6, 8, 1.0, 20000",
        "7, 1, 0.5, 5000",
        "8, 0, 0, 1000",
    })
    void compiledSetAgreesWithLinearScanOfTheEntries(long seed, int entryCount, double broadShare, int addressCount) {
        RandomEntries random = new RandomEntries(seed, broadShare);
        List<ReferenceEntry> entries = new ArrayList<>();
        for (int i = 0; i < entryCount; i++) {
            entries.add(random.entry());
        }

        AddressSet set = AddressSet.parse(join(entries), Patterns.empty());

        assertThat(set.entryCount()).isEqualTo(entryCount);
        assertAgrees(set, entries, random, addressCount);
    }

    @Test
    void octetPatternsThatNoOrderMakesSmallAgreeWithLinearScan() {
        RandomEntries random = new RandomEntries(21, 0.05);
        List<ReferenceEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(i % 2 == 0 ? random.denseOctets() : random.entry());
        }

        AddressSet set = AddressSet.parse(join(entries), Patterns.empty());

        assertThat(set.ipv4Matcher().hasFallback())
                .as("uses the bitset fallback")
                .isTrue();
        assertAgrees(set, entries, random, 20000);
    }

    @Test
    void patternsBeyondTheIntervalBudgetAgreeWithLinearScan() {
        // Each pattern is 4096 intervals in its best order; 300 of them exceed the budget of 2^20 intervals.
        List<ReferenceEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int first = i % 190;
            int second = 1 + i / 190;
            int[] low = {first, second, 1, 0};
            int[] high = {first + 63, second + 63, 100, 255};
            String text = first + "-" + (first + 63) + "." + second + "-" + (second + 63) + ".1-100.*";
            entries.add(new ReferenceEntry.Octets(text, low, high));
        }
        RandomEntries random = new RandomEntries(22, 0);

        AddressSet set = AddressSet.parse(join(entries), Patterns.empty());

        assertThat(set.ipv4Matcher().hasFallback())
                .as("uses the bitset fallback")
                .isTrue();
        assertAgrees(set, entries, random, 20000);
    }

    @Test
    void entriesCrowdedIntoOneBlockAgreeWithLinearScan() {
        // All IPv4 entries in 10.0.0.0/8 and all IPv6 entries in 2001:db8::/32: the top bits are the same for every
        // entry, and addresses just outside the blocks must still be told apart.
        Random random = new Random(31);
        List<ReferenceEntry> entries = new ArrayList<>();
        BigInteger block = new BigInteger("20010db8", 16).shiftLeft(96);
        for (int i = 0; i < 2000; i++) {
            long ipv4 = 0x0A00_0000L | random.nextInt(1 << 24);
            BigInteger ipv6 = block.add(new BigInteger(96, random));
            switch (i % 4) {
                case 0 -> entries.add(new ReferenceEntry.Ipv4Span(dotted(ipv4), ipv4, ipv4));
                case 1 -> {
                    long last = Math.min(0x0AFF_FFFFL, ipv4 + random.nextInt(5000));
                    entries.add(new ReferenceEntry.Ipv4Span(dotted(ipv4) + "-" + dotted(last), ipv4, last));
                }
                case 2 ->
                    entries.add(new ReferenceEntry.Ipv6Span(
                            ipv6.toString(16).replaceAll("(.{4})(?!$)", "$1:"), ipv6, ipv6));
                default -> {
                    BigInteger last = ipv6.add(BigInteger.valueOf(random.nextInt(1 << 20)));
                    entries.add(new ReferenceEntry.Ipv6Span(
                            ipv6.toString(16).replaceAll("(.{4})(?!$)", "$1:") + "-"
                                    + last.toString(16).replaceAll("(.{4})(?!$)", "$1:"),
                            ipv6,
                            last));
                }
            }
        }
        entries.add(new ReferenceEntry.Ipv4Span("10.0.0.0", 0x0A00_0000L, 0x0A00_0000L));
        entries.add(new ReferenceEntry.Ipv4Span("10.255.255.255", 0x0AFF_FFFFL, 0x0AFF_FFFFL));

        AddressSet set = AddressSet.parse(join(entries), Patterns.empty());

        RandomEntries addresses = new RandomEntries(32, 0);
        assertAgrees(set, entries, addresses, 20000);
        for (String outside : List.of(
                "9.255.255.255",
                "11.0.0.0",
                "0.0.0.0",
                "255.255.255.255",
                "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
                "2001:db9::",
                "::",
                "ffff::")) {
            assertThat(set.contains(TestAddresses.ip(outside))).as(outside).isFalse();
        }
        assertThat(set.contains(TestAddresses.ip("10.0.0.0"))).isTrue();
        assertThat(set.contains(TestAddresses.ip("10.255.255.255"))).isTrue();
    }

    private static String dotted(long ipv4) {
        return (ipv4 >>> 24) + "." + ((ipv4 >>> 16) & 0xFF) + "." + ((ipv4 >>> 8) & 0xFF) + "." + (ipv4 & 0xFF);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13"})
    void patternsExpandToTheSameSetAsTheEntriesWrittenOut(long seed) {
        RandomEntries random = new RandomEntries(seed, 0.05);
        List<ReferenceEntry> entries = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            entries.add(random.entry());
        }
        String first = join(entries.subList(0, 200));
        String second = join(entries.subList(200, 400));
        String third = join(entries.subList(400, 600));
        Patterns patterns = Patterns.of(Map.of(
                "Top", List.of(first, "[Middle]"),
                "Middle", List.of("[bottom]", second),
                "Bottom", List.of(third)));

        AddressSet viaPatterns = AddressSet.parse("[Top]", patterns);

        assertThat(viaPatterns.entryCount()).isEqualTo(600);
        assertAgrees(viaPatterns, entries, random, 10000);
    }

    private static void assertAgrees(
            AddressSet set, List<ReferenceEntry> entries, RandomEntries random, int addressCount) {
        List<String> disagreements = new ArrayList<>();
        int hits = 0;
        for (int i = 0; i < addressCount; i++) {
            BigInteger address = random.address(entries);
            InetAddress inetAddress = random.toInetAddress(address);
            boolean expected = entries.stream().anyMatch(entry -> entry.matches(address));
            hits += expected ? 1 : 0;
            if (set.contains(inetAddress) != expected && disagreements.size() < 20) {
                disagreements.add(inetAddress + " expected " + expected + ", matched by "
                        + entries.stream()
                                .filter(entry -> entry.matches(address))
                                .map(ReferenceEntry::text)
                                .toList());
            }
        }
        assertThat(disagreements).isEmpty();
        if (!entries.isEmpty()) {
            // The generator must produce both outcomes often, or the comparison proves little.
            assertThat(hits).isBetween(addressCount / 10, addressCount - addressCount / 10);
        }
    }

    private static String join(List<ReferenceEntry> entries) {
        return entries.stream().map(ReferenceEntry::text).collect(Collectors.joining(";"));
    }
}
