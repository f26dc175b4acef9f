package org.icewarp.core.access;

/**
 * Parses the IPv4 entry forms: {@code 127.0.0.1}, octet patterns with {@code *} and {@code n-m} per octet, CIDR
 * blocks {@code 10.0.0.0/8} and full-address ranges {@code 10.0.0.1-10.0.0.50}.
 *
 * <p>Octets are decimal, one to three digits; leading zeros do not make them octal ({@code 010} is ten). The text is
 * never handed to the JDK, so nothing here can trigger a name lookup.
 */
final class Ipv4Text {

    private Ipv4Text() {}

    /** Parses an entry that holds no {@code ':'}. */
    static AddressEntry parseEntry(String text) {
        int slash = text.indexOf('/');
        if (slash >= 0) {
            return parseCidr(text.substring(0, slash), text.substring(slash + 1));
        }
        int dots = count(text, '.');
        if (dots > 3 && text.indexOf('-') >= 0) {
            return parseFullRange(text);
        }
        if (dots != 3) {
            throw new EntrySyntaxException("expected 4 dot-separated octets, found " + (dots + 1));
        }
        return parseOctets(text);
    }

    /** Parses a plain dotted-quad address into its unsigned value; no wildcards, ranges or prefixes. */
    static long parseAddress(String text) {
        int dots = count(text, '.');
        if (dots != 3) {
            throw new EntrySyntaxException("'" + text + "' has " + (dots + 1) + " octets, expected 4");
        }
        long value = 0;
        int start = 0;
        for (int position = 0; position < 4; position++) {
            int end = position == 3 ? text.length() : text.indexOf('.', start);
            value = (value << 8) | parseOctet(text.substring(start, end));
            start = end + 1;
        }
        return value;
    }

    private static AddressEntry parseCidr(String address, String prefixText) {
        if (address.indexOf('*') >= 0 || address.indexOf('-') >= 0) {
            throw new EntrySyntaxException("a CIDR prefix needs a plain IPv4 address, not wildcards or ranges");
        }
        int prefix = parsePrefix(prefixText, 32);
        return Ipv4Range.cidr(parseAddress(address), prefix);
    }

    private static AddressEntry parseFullRange(String text) {
        int dash = text.indexOf('-');
        if (text.indexOf('-', dash + 1) >= 0) {
            throw new EntrySyntaxException("a full-address range needs exactly one '-' between two addresses");
        }
        long first = parseAddress(text.substring(0, dash));
        long last = parseAddress(text.substring(dash + 1));
        if (first > last) {
            throw new EntrySyntaxException("the range starts after it ends");
        }
        return new Ipv4Range(first, last);
    }

    private static AddressEntry parseOctets(String text) {
        int low = 0;
        int high = 0;
        int start = 0;
        for (int position = 0; position < 4; position++) {
            int end = position == 3 ? text.length() : text.indexOf('.', start);
            String part = text.substring(start, end);
            int partLow;
            int partHigh;
            int dash = part.indexOf('-');
            if (part.equals("*")) {
                partLow = 0;
                partHigh = 255;
            } else if (dash >= 0) {
                partLow = parseOctet(part.substring(0, dash));
                partHigh = parseOctet(part.substring(dash + 1));
                if (partLow > partHigh) {
                    throw new EntrySyntaxException("octet range '" + part + "' is reversed");
                }
            } else {
                partLow = parseOctet(part);
                partHigh = partLow;
            }
            low = (low << 8) | partLow;
            high = (high << 8) | partHigh;
            start = end + 1;
        }
        if (low == high) {
            long exact = low & Ipv4Range.MAX;
            return new Ipv4Range(exact, exact);
        }
        return new Ipv4Octets(low, high);
    }

    private static int parseOctet(String text) {
        if (text.isEmpty()) {
            throw new EntrySyntaxException("empty octet");
        }
        if (text.length() > 3 || !isDigits(text)) {
            throw new EntrySyntaxException("'" + text + "' is not an octet (0-255), '*' or a range like 1-100");
        }
        int value = Integer.parseInt(text);
        if (value > 255) {
            throw new EntrySyntaxException("octet " + value + " is out of range 0-255");
        }
        return value;
    }

    /** Parses the digits after {@code '/'}. */
    static int parsePrefix(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !isDigits(text)) {
            throw new EntrySyntaxException("'/" + text + "' is not a prefix length 0-" + max);
        }
        int prefix = Integer.parseInt(text);
        if (prefix > max) {
            throw new EntrySyntaxException("prefix length /" + prefix + " is out of range 0-" + max);
        }
        return prefix;
    }

    static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int count(String text, char wanted) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                count++;
            }
        }
        return count;
    }
}
