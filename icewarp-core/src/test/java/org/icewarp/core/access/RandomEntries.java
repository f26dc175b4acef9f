package org.icewarp.core.access;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Generates random access entries of every kind, and addresses near and far from them. */
final class RandomEntries {

    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger DOCUMENTATION = new BigInteger("20010db8", 16).shiftLeft(96);

    private final Random random;

    /** Share of entries that may cover a large part of the address space; the rest are narrow. */
    private final double broadShare;

    private boolean broad;

    RandomEntries(long seed, double broadShare) {
        this.random = new Random(seed);
        this.broadShare = broadShare;
    }

    ReferenceEntry entry() {
        broad = random.nextDouble() < broadShare;
        return switch (random.nextInt(8)) {
            case 0, 1 -> octets();
            case 2 -> ipv4Exact();
            case 3 -> ipv4Cidr();
            case 4 -> ipv4Span();
            case 5 -> ipv6Exact();
            case 6 -> ipv6Cidr();
            default -> ipv6Span();
        };
    }

    private ReferenceEntry octets() {
        int[] low = new int[4];
        int[] high = new int[4];
        StringBuilder text = new StringBuilder();
        int open = broad ? 4 : 1; // how many octets may be '*' or a range
        for (int position = 0; position < 4; position++) {
            int kind = random.nextInt(10);
            if (open == 0) {
                kind = 5;
            } else if (kind < 4 || kind >= 7) {
                open--;
            }
            if (kind < 4) {
                low[position] = 0;
                high[position] = 255;
                text.append(random.nextInt(8) == 0 ? "0-255" : "*");
            } else if (kind < 7) {
                low[position] = octet();
                high[position] = low[position];
                text.append(low[position]);
            } else {
                int a = octet();
                int b = switch (random.nextInt(3)) {
                    case 0 -> octet();
                    case 1 -> Math.min(255, a + random.nextInt(4));
                    default -> Math.min(255, a + 64 + random.nextInt(150));
                };
                low[position] = Math.min(a, b);
                high[position] = Math.max(a, b);
                text.append(low[position]).append('-').append(high[position]);
            }
            if (position < 3) {
                text.append('.');
            }
        }
        return new ReferenceEntry.Octets(text.toString(), low, high);
    }

    /**
     * An octet pattern with three wide ranges and one exact octet, such as {@code 3-90.*.7.100-200}: no octet order
     * makes it fewer than 4096 intervals.
     */
    ReferenceEntry denseOctets() {
        int exact = random.nextInt(4);
        int[] low = new int[4];
        int[] high = new int[4];
        StringBuilder text = new StringBuilder();
        for (int position = 0; position < 4; position++) {
            if (position == exact) {
                low[position] = octet();
                high[position] = low[position];
                text.append(low[position]);
            } else {
                low[position] = random.nextInt(100);
                high[position] = low[position] + 80 + random.nextInt(76);
                text.append(low[position]).append('-').append(high[position]);
            }
            text.append(position < 3 ? "." : "");
        }
        return new ReferenceEntry.Octets(text.toString(), low, high);
    }

    /** Octet values crowd near a few spots so that patterns and addresses overlap often. */
    private int octet() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(4);
            case 1 -> 252 + random.nextInt(4);
            case 2 -> 126 + random.nextInt(4);
            default -> random.nextInt(256);
        };
    }

    private long ipv4() {
        return ((long) octet() << 24) | ((long) octet() << 16) | ((long) octet() << 8) | octet();
    }

    private ReferenceEntry ipv4Exact() {
        long address = ipv4();
        return new ReferenceEntry.Ipv4Span(dotted(address, random.nextInt(5) == 0), address, address);
    }

    private ReferenceEntry ipv4Cidr() {
        long address = ipv4();
        int prefix = broad ? random.nextInt(33) : 20 + random.nextInt(13);
        return new ReferenceEntry.Ipv4Cidr(dotted(address, false) + "/" + prefix, address, prefix);
    }

    private ReferenceEntry ipv4Span() {
        long first = ipv4();
        int bits = broad ? random.nextInt(33) : random.nextInt(12);
        long last = Math.min(0xFFFF_FFFFL, first + (random.nextLong() & ((1L << bits) - 1)));
        return new ReferenceEntry.Ipv4Span(dotted(first, false) + "-" + dotted(last, false), first, last);
    }

    private BigInteger ipv6() {
        return switch (random.nextInt(5)) {
            case 0 -> new BigInteger(128, random);
            // IPv4 addresses written in mapped form
            case 1 -> ReferenceEntry.MAPPED_FIRST.add(BigInteger.valueOf(ipv4()));
            // just below and above the mapped block
            case 2 -> ReferenceEntry.MAPPED_FIRST.subtract(BigInteger.valueOf(random.nextInt(1000) + 1));
            default -> DOCUMENTATION.add(new BigInteger(random.nextInt(97), random));
        };
    }

    private ReferenceEntry ipv6Exact() {
        BigInteger address = ipv6();
        return new ReferenceEntry.Ipv6Span(ipv6Text(address), address, address);
    }

    private ReferenceEntry ipv6Cidr() {
        BigInteger address = ipv6();
        int prefix = broad ? random.nextInt(129) : 100 + random.nextInt(29);
        BigInteger size = BigInteger.ONE.shiftLeft(128 - prefix);
        BigInteger first = address.subtract(address.mod(size));
        return new ReferenceEntry.Ipv6Span(
                ipv6Text(address) + "/" + prefix, first, first.add(size).subtract(BigInteger.ONE));
    }

    private ReferenceEntry ipv6Span() {
        BigInteger first = ipv6();
        BigInteger last = first.add(new BigInteger(broad ? random.nextInt(80) : random.nextInt(16), random))
                .min(TWO_128.subtract(BigInteger.ONE));
        return new ReferenceEntry.Ipv6Span(ipv6Text(first) + "-" + ipv6Text(last), first, last);
    }

    /** An address to check: mostly on or next to the edges of a random entry, otherwise anywhere. */
    BigInteger address(List<ReferenceEntry> entries) {
        if (entries.isEmpty() || random.nextInt(10) < 3) {
            return random.nextBoolean() ? ReferenceEntry.MAPPED_FIRST.add(BigInteger.valueOf(ipv4())) : ipv6();
        }
        ReferenceEntry entry = entries.get(random.nextInt(entries.size()));
        BigInteger near;
        if (entry instanceof ReferenceEntry.Octets octets) {
            long ipv4 = 0;
            for (int position = 0; position < 4; position++) {
                int value = switch (random.nextInt(4)) {
                    case 0 -> octets.low()[position];
                    case 1 -> octets.high()[position];
                    case 2 ->
                        octets.low()[position]
                                - 1
                                + random.nextInt(octets.high()[position] - octets.low()[position] + 3);
                    default -> random.nextInt(256);
                };
                ipv4 = (ipv4 << 8) | (Math.max(0, Math.min(255, value)));
            }
            near = ReferenceEntry.MAPPED_FIRST.add(BigInteger.valueOf(ipv4));
        } else if (entry instanceof ReferenceEntry.Ipv4Cidr cidr) {
            long size = 1L << (32 - cidr.prefix());
            long first = cidr.base() & -size;
            long ipv4 = random.nextBoolean() ? first + random.nextInt(3) - 1 : first + size - 2 + random.nextInt(3);
            near = ReferenceEntry.MAPPED_FIRST.add(BigInteger.valueOf(Math.max(0, Math.min(0xFFFF_FFFFL, ipv4))));
        } else if (entry instanceof ReferenceEntry.Ipv4Span span) {
            long edge = random.nextBoolean() ? span.first() : span.last();
            long ipv4 = Math.max(0, Math.min(0xFFFF_FFFFL, edge + random.nextInt(3) - 1));
            near = ReferenceEntry.MAPPED_FIRST.add(BigInteger.valueOf(ipv4));
        } else {
            ReferenceEntry.Ipv6Span span = (ReferenceEntry.Ipv6Span) entry;
            BigInteger edge = random.nextBoolean() ? span.first() : span.last();
            near = edge.add(BigInteger.valueOf(random.nextInt(3) - 1));
            near = near.max(BigInteger.ZERO).min(TWO_128.subtract(BigInteger.ONE));
        }
        return near;
    }

    /** The address as the JDK's {@code Inet4Address} or {@code Inet6Address}; mapped ones either way. */
    InetAddress toInetAddress(BigInteger address) {
        byte[] sixteen = new byte[16];
        byte[] magnitude = address.toByteArray();
        int copy = Math.min(16, magnitude.length);
        System.arraycopy(magnitude, magnitude.length - copy, sixteen, 16 - copy, copy);
        if (ReferenceEntry.isMapped(address) && random.nextBoolean()) {
            byte[] four = new byte[4];
            System.arraycopy(sixteen, 12, four, 0, 4);
            return TestAddresses.fromBytes(four);
        }
        return TestAddresses.ipv6(sixteen);
    }

    private String dotted(long address, boolean leadingZeros) {
        StringBuilder text = new StringBuilder();
        for (int position = 0; position < 4; position++) {
            int octet = (int) (address >>> (24 - 8 * position)) & 0xFF;
            text.append(leadingZeros ? String.format(Locale.ROOT, "%03d", octet) : Integer.toString(octet));
            if (position < 3) {
                text.append('.');
            }
        }
        return text.toString();
    }

    /** One of several text forms: the JDK's, zero-padded upper case, compressed, or with a dotted IPv4 tail. */
    private String ipv6Text(BigInteger address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = address.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
        }
        switch (random.nextInt(4)) {
            case 0: {
                byte[] bytes = new byte[16];
                for (int i = 0; i < 8; i++) {
                    bytes[2 * i] = (byte) (groups[i] >>> 8);
                    bytes[2 * i + 1] = (byte) groups[i];
                }
                return TestAddresses.ipv6(bytes).getHostAddress();
            }
            case 1: {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 8; i++) {
                    text.append(String.format(Locale.ROOT, "%04X", groups[i])).append(i < 7 ? ":" : "");
                }
                return text.toString();
            }
            case 2: {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    text.append(Integer.toHexString(groups[i])).append(':');
                }
                return text.append(groups[6] >>> 8)
                        .append('.')
                        .append(groups[6] & 0xFF)
                        .append('.')
                        .append(groups[7] >>> 8)
                        .append('.')
                        .append(groups[7] & 0xFF)
                        .toString();
            }
            default:
                return compressed(groups);
        }
    }

    /** Replaces the longest run of zero groups (even a single one) by "::". */
    private static String compressed(int[] groups) {
        int bestStart = -1;
        int bestLength = 0;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
