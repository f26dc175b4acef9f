package org.icewarp.core.access;

import java.util.function.Supplier;

/**
 * Turns one trimmed, non-reference entry into an {@link AddressEntry}, or throws an {@link
 * InvalidAccessEntryException} that quotes it. Entries with a {@code ':'} are IPv6, the rest IPv4; anything else
 * (host names, e-mail and domain masks) is rejected because access checks never resolve names.
 */
final class EntryParser {

    private EntryParser() {}

    /**
     * Parses {@code entry}.
     *
     * @param entry the trimmed entry text
     * @param context where the entry came from, asked for only if the entry is malformed: empty for the access list
     *     itself, or for example {@code " in pattern [Firewall]"}
     */
    static AddressEntry parse(String entry, Supplier<String> context) {
        try {
            return parse(entry);
        } catch (EntrySyntaxException e) {
            throw new InvalidAccessEntryException(
                    entry, "Invalid access entry '" + entry + "'" + context.get() + ": " + e.reason());
        }
    }

    private static AddressEntry parse(String entry) {
        if (entry.indexOf('@') >= 0) {
            throw new EntrySyntaxException(
                    "an e-mail or account mask is not an IP address entry (only IPs, wildcards, ranges and CIDR"
                            + " blocks may be used in access lists)");
        }
        if (entry.indexOf(':') >= 0) {
            return Ipv6Text.parseEntry(entry);
        }
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (Character.isLetter(c)) {
                throw new EntrySyntaxException("not an IP address, wildcard, range or CIDR block"
                        + " (host and domain names are never resolved in access lists)");
            }
            if (!(c >= '0' && c <= '9') && c != '.' && c != '*' && c != '-' && c != '/') {
                throw new EntrySyntaxException("unexpected character '" + c + "'");
            }
        }
        return Ipv4Text.parseEntry(entry);
    }
}
