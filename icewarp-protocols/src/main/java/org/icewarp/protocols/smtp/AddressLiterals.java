package org.icewarp.protocols.smtp;

/**
 * Address literals of RFC 5321 section 4.1.3 in canonical form: {@code [192.0.2.1]} (each octet in decimal without
 * leading zeros, so {@code [010.0.0.1]} is {@code [10.0.0.1]}, never octal) and {@code [ipv6:2001:db8::1]} (RFC 5952:
 * lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}, the first of equal runs;
 * IPv4-mapped addresses as {@code ::ffff:192.0.2.1}).
 *
 * <p>The IPv6 forms of RFC 4291 are accepted, including a {@code ::} that stands for a single zero group (RFC 5321
 * asks for at least two, but the canonical output is the same either way). General address literals ({@code
 * [tag:content]}) are refused: no tag is registered besides {@code IPv6}, and mail cannot be routed to one.
 */
final class AddressLiterals {

    private AddressLiterals() {}

    /**
     * The canonical form of the literal {@code text[start, end)}, brackets included.
     *
     * @throws ArgumentRejection if it is not an IPv4 or IPv6 address literal
     */
    static String canonical(String text, int start, int end, PathRole role) {
        if (end - start < 3 || text.charAt(start) != '[' || text.charAt(end - 1) != ']') {
            throw role.syntax("malformed address literal");
        }
        int s = start + 1;
        int e = end - 1;
        if (text.regionMatches(true, s, "IPv6:", 0, 5)) {
            int[] groups = new int[8];
            if (!parseIpv6(text, s + 5, e, groups)) {
                throw role.syntax("malformed IPv6 address literal");
            }
            return "[ipv6:" + formatIpv6(groups) + "]";
        }
        int[] octets = new int[4];
        if (!parseIpv4(text, s, e, octets)) {
            throw role.syntax("malformed or unsupported address literal");
        }
        return "[" + octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3] + "]";
    }

    /** {@code Snum 3("." Snum)}, {@code Snum = 1*3DIGIT} from 0 to 255. */
    static boolean parseIpv4(String text, int start, int end, int[] octets) {
        int i = start;
        for (int k = 0; k < 4; k++) {
            if (k > 0) {
                if (i >= end || text.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
            int digits = 0;
            int value = 0;
            while (i < end && isDigit(text.charAt(i)) && digits < 4) {
                value = value * 10 + text.charAt(i) - '0';
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return false;
            }
            octets[k] = value;
        }
        return i == end;
    }

    private static boolean parseIpv6(String text, int start, int end, int[] groups) {
        int[] head = new int[8];
        int[] tail = new int[8];
        int heads = 0;
        int tails = 0;
        boolean compressed = false;
        int i = start;
        if (i + 1 < end && text.charAt(i) == ':' && text.charAt(i + 1) == ':') {
            compressed = true;
            i += 2;
        } else if (i < end && text.charAt(i) == ':') {
            return false;
        }
        while (i < end) {
            int groupStart = i;
            int value = 0;
            int digits = 0;
            while (i < end && hex(text.charAt(i)) >= 0 && digits < 5) {
                value = value << 4 | hex(text.charAt(i));
                digits++;
                i++;
            }
            if (i < end && text.charAt(i) == '.') {
                // the dotted IPv4 tail: the last 32 bits
                int[] v4 = new int[4];
                if (!parseIpv4(text, groupStart, end, v4) || (compressed ? heads + tails : heads) > 6) {
                    return false;
                }
                int[] into = compressed ? tail : head;
                int n = compressed ? tails : heads;
                into[n] = v4[0] << 8 | v4[1];
                into[n + 1] = v4[2] << 8 | v4[3];
                if (compressed) {
                    tails += 2;
                } else {
                    heads += 2;
                }
                i = end;
                break;
            }
            if (digits == 0 || digits > 4 || heads + tails >= 8) {
                return false;
            }
            if (compressed) {
                tail[tails++] = value;
            } else {
                head[heads++] = value;
            }
            if (i == end) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < end && text.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == end) {
                return false; // a single trailing colon
            }
        }
        int total = heads + tails;
        if (compressed ? total > 7 : total != 8) {
            return false;
        }
        System.arraycopy(head, 0, groups, 0, heads);
        System.arraycopy(tail, 0, groups, 8 - tails, tails);
        return true;
    }

    private static String formatIpv6(int[] g) {
        StringBuilder out = new StringBuilder(39);
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return out.append("::ffff:")
                    .append(g[6] >> 8)
                    .append('.')
                    .append(g[6] & 0xff)
                    .append('.')
                    .append(g[7] >> 8)
                    .append('.')
                    .append(g[7] & 0xff)
                    .toString();
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is never compressed (RFC 5952 section 4.2.2)
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
