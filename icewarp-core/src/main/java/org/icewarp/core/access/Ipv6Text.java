package org.icewarp.core.access;

/**
 * Parses the IPv6 entry forms: an address in any RFC 4291 section 2.2 text form (including {@code ::} compression and
 * a dotted IPv4 tail such as {@code ::ffff:10.0.0.1}), a CIDR block {@code 2001:db8::/32} and a full-address range
 * {@code 2001:db8::1-2001:db8::ff}.
 *
 * <p>The parser is our own rather than {@code InetAddress.getByName}: it accepts only hex digits, {@code ':'} and
 * {@code '.'}, so no text can ever reach a name lookup, and it behaves the same on every JDK. Zone identifiers
 * ({@code %eth0}) are rejected: an access entry names addresses, not interfaces.
 */
final class Ipv6Text {

    /** Longest address text: eight groups of four digits and seven colons, or six groups plus a dotted IPv4 tail. */
    private static final int MAX_ADDRESS_LENGTH = 45;

    private Ipv6Text() {}

    /** Parses an entry that holds a {@code ':'}. */
    static AddressEntry parseEntry(String text) {
        int slash = text.indexOf('/');
        Ipv6Range range;
        if (slash >= 0) {
            String address = text.substring(0, slash);
            if (address.indexOf('-') >= 0) {
                throw new EntrySyntaxException("a CIDR prefix cannot follow a range");
            }
            int prefix = Ipv4Text.parsePrefix(text.substring(slash + 1), 128);
            Uint128 value = parseAddress(address);
            range = new Ipv6Range(value.networkOf(prefix), value.broadcastOf(prefix));
        } else {
            int dash = text.indexOf('-');
            if (dash >= 0) {
                range = parseRange(text, dash);
            } else {
                Uint128 value = parseAddress(text);
                range = new Ipv6Range(value, value);
            }
        }
        // ::ffff:a.b.c.d is how an IPv4 address looks on a dual-stack socket; checked addresses are normalised to
        // IPv4, so a block that lies wholly in ::ffff:0:0/96 is an IPv4 block written in mapped form.
        return range.isIpv4Mapped() ? range.toIpv4() : range;
    }

    private static Ipv6Range parseRange(String text, int dash) {
        if (text.indexOf('-', dash + 1) >= 0) {
            throw new EntrySyntaxException("a full-address range needs exactly one '-' between two addresses");
        }
        String firstText = text.substring(0, dash);
        String lastText = text.substring(dash + 1);
        if (firstText.indexOf(':') < 0 || lastText.indexOf(':') < 0) {
            throw new EntrySyntaxException("both ends of a range must be IPv6 addresses");
        }
        Uint128 first = parseAddress(firstText);
        Uint128 last = parseAddress(lastText);
        if (first.compareTo(last) > 0) {
            throw new EntrySyntaxException("the range starts after it ends");
        }
        return new Ipv6Range(first, last);
    }

    /** Parses one IPv6 address with no prefix or range. */
    static Uint128 parseAddress(String text) {
        if (text.isEmpty() || text.length() > MAX_ADDRESS_LENGTH || !hasOnlyAddressCharacters(text)) {
            throw invalid(text);
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw invalid(text); // two gaps, or ":::"
        }
        int[] groups = new int[8];
        int headCount;
        int tailCount;
        if (gap < 0) {
            headCount = parseGroups(text, text, groups, true);
            tailCount = 0;
            if (headCount != 8) {
                throw invalid(text);
            }
        } else {
            String head = text.substring(0, gap);
            String tail = text.substring(gap + 2);
            int[] tailGroups = new int[8];
            headCount = head.isEmpty() ? 0 : parseGroups(text, head, groups, false);
            tailCount = tail.isEmpty() ? 0 : parseGroups(text, tail, tailGroups, true);
            // "::" stands for at least one group of zeros (RFC 4291 section 2.2).
            if (headCount + tailCount > 7) {
                throw invalid(text);
            }
            System.arraycopy(tailGroups, 0, groups, 8 - tailCount, tailCount);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        return new Uint128(high, low);
    }

    /**
     * Parses colon-separated groups into {@code groups}; when {@code ipv4TailAllowed}, the last group may be a dotted
     * IPv4 address, which fills two groups. Returns the number of groups written.
     */
    private static int parseGroups(String whole, String part, int[] groups, boolean ipv4TailAllowed) {
        int count = 0;
        int start = 0;
        while (true) {
            int end = part.indexOf(':', start);
            boolean last = end < 0;
            String group = last ? part.substring(start) : part.substring(start, end);
            if (group.indexOf('.') >= 0) {
                if (!last || !ipv4TailAllowed || count > 6) {
                    throw invalid(whole);
                }
                long ipv4 = parseIpv4Tail(whole, group);
                groups[count++] = (int) (ipv4 >>> 16);
                groups[count++] = (int) (ipv4 & 0xFFFF);
                return count;
            }
            if (group.isEmpty() || group.length() > 4 || count >= 8) {
                throw invalid(whole);
            }
            groups[count++] = Integer.parseInt(group, 16);
            if (last) {
                return count;
            }
            start = end + 1;
        }
    }

    private static long parseIpv4Tail(String whole, String group) {
        try {
            return Ipv4Text.parseAddress(group);
        } catch (EntrySyntaxException e) {
            throw invalid(whole);
        }
    }

    private static boolean hasOnlyAddressCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static EntrySyntaxException invalid(String text) {
        return new EntrySyntaxException("'" + text + "' is not a valid IPv6 address");
    }
}
