package org.icewarp.benchmarks.core.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.StringJoiner;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.core.access.AccessRule;
import org.icewarp.core.access.Patterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures {@link AccessRule#permits} — the check made for every incoming connection — against a grant rule of 10 and
 * of 10,000 entries. One operation checks the same eight precomputed addresses: IPv4 and IPv6, hits and misses, and
 * an IPv4-mapped IPv6 address. The two sizes should differ by a few binary-search probes, not by a factor of 1,000.
 *
 * <p>The entries are generated from a fixed seed and cycle through ten kinds, so both sizes hold every kind: exact
 * IPv4, {@code a.b.*.*}, octet ranges, IPv4 CIDR, IPv6 CIDR, exact IPv6, IPv4 and IPv6 full-address ranges, and a
 * non-contiguous wildcard {@code a.*.c.*}. The first ten entries are the same for both sizes, and the hits fall in
 * them; {@link #compile()} checks that every address gives the expected answer before anything is measured.
 *
 * <p>Run: {@code ./mvnw -pl benchmarks -am package -DskipTests}, then {@code java -jar benchmarks/target/benchmarks.jar
 * AccessRuleBenchmark} (add JMH options such as {@code -f 1 -wi 3 -i 5} for a shorter run).
 */
@State(Scope.Benchmark)
public class AccessRuleBenchmark extends BenchmarkBase {

    /** How many entries the rule's address list has. */
    @Param({"10", "10000"})
    public int entries;

    private AccessRule rule;
    private InetAddress[] addresses;

    /** Builds the rule and the addresses, and checks that hits are hits and misses are misses. */
    @Setup(Level.Trial)
    public void compile() {
        Random random = new Random(20240601);
        StringJoiner list = new StringJoiner(";");
        for (int i = 0; i < entries; i++) {
            list.add(entry(i % 10, random));
        }
        rule = AccessRule.of(true, AccessRule.Type.GRANT, list.toString(), Patterns.empty());
        if (rule.addresses().entryCount() != entries) {
            throw new IllegalStateException("expected " + entries + " entries");
        }
        // Entries 0-9 are the same for every size (same seed, same order): replay them to aim the hits.
        Random replay = new Random(20240601);
        String[] firstTen = new String[10];
        for (int i = 0; i < 10; i++) {
            firstTen[i] = entry(i, replay);
        }
        addresses = new InetAddress[] {
            literal(firstTen[0]), // exact IPv4: hit
            literal(firstTen[3].substring(0, firstTen[3].indexOf('/'))), // inside the IPv4 CIDR: hit
            literal("203.0.113.7"), // first octet never generated: miss
            literal("198.51.100.1"), // miss
            literal(firstTen[5]), // exact IPv6: hit
            literal(firstTen[4].replace("::/64", "::abcd")), // inside the IPv6 CIDR: hit
            literal("2001:db9::1"), // outside 2001:db8::/32, where all IPv6 entries are: miss
            mapped(literal(firstTen[7])), // ::ffff:a.b.c.d of an exact IPv4 entry: hit
        };
        boolean[] expected = {true, true, false, false, true, true, false, true};
        for (int i = 0; i < addresses.length; i++) {
            if (rule.permits(addresses[i]) != expected[i]) {
                throw new IllegalStateException(addresses[i] + " should " + (expected[i] ? "" : "not ") + "match");
            }
        }
    }

    /**
     * Checks the eight addresses.
     *
     * @return how many are permitted, returned so that JMH consumes it and the work cannot be optimised away
     */
    @Benchmark
    public int permits() {
        int permitted = 0;
        for (InetAddress address : addresses) {
            if (rule.permits(address)) {
                permitted++;
            }
        }
        return permitted;
    }

    /** One entry of the given kind; IPv4 first octets stay in 1-126 and IPv6 in 2001:db8::/32. */
    private static String entry(int kind, Random random) {
        int a = 1 + random.nextInt(126);
        int b = random.nextInt(256);
        int c = random.nextInt(256);
        int d = random.nextInt(256);
        String group1 = Integer.toHexString(random.nextInt(0x10000));
        String group2 = Integer.toHexString(random.nextInt(0x10000));
        return switch (kind) {
            case 0, 7 -> a + "." + b + "." + c + "." + d;
            case 1 -> a + "." + b + ".*.*";
            case 2 -> a + "." + b + "." + c + "." + Math.min(d, 200) + "-" + (Math.min(d, 200) + 50);
            case 3 -> a + "." + b + "." + c + ".0/" + (16 + random.nextInt(13));
            case 4 -> "2001:db8:" + group1 + ":" + group2 + "::/64";
            case 5 -> "2001:db8:" + group1 + ":" + group2 + "::" + Integer.toHexString(1 + d);
            case 6 -> a + "." + b + "." + c + ".10-" + a + "." + b + "." + c + ".200";
            case 8 -> a + ".*." + c + ".*";
            default -> "2001:db8:" + group1 + "::1-2001:db8:" + group1 + "::ff";
        };
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text); // literals only: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static InetAddress mapped(InetAddress ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xFF;
        bytes[11] = (byte) 0xFF;
        System.arraycopy(ipv4.getAddress(), 0, bytes, 12, 4);
        try {
            return java.net.Inet6Address.getByAddress(null, bytes, (java.net.NetworkInterface) null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
