package org.icewarp.storage;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An address {@code local@domain} as storage knows it: the domain in lower case (domains are case-insensitive), the
 * local part as given (whether it is case-sensitive is an {@link AccountStore}'s policy). The local part passes
 * {@link Names#requireSafeSegment} and is at most 64 characters (RFC 5321); the domain is LDH labels (IDNs in their
 * A-label form) of at most 253 characters.
 *
 * @param localPart the part before {@code @}
 * @param domain the domain, lower case
 */
public record EmailAddress(String localPart, String domain) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * Validates and lower-cases the domain.
     *
     * @throws InvalidNameException naming the value and the rule it breaks
     */
    public EmailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (localPart.length() > 64) {
            throw new InvalidNameException("local part '" + localPart + "' is longer than 64 characters");
        }
        Names.requireSafeSegment("local part", localPart);
        if (localPart.indexOf('@') >= 0 || localPart.indexOf(' ') >= 0) {
            throw new InvalidNameException("local part '" + localPart + "' contains '@' or a space");
        }
        domain = requireDomain(domain);
    }

    /**
     * Checks and lower-cases a domain name.
     *
     * @throws InvalidNameException naming the value
     */
    public static String requireDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.isEmpty() || d.length() > 253) {
            throw new InvalidNameException("domain '" + domain + "' must be 1 to 253 characters");
        }
        for (String label : d.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidNameException("domain '" + domain + "' has an invalid label '" + label + "'");
            }
        }
        return d;
    }

    /**
     * Parses {@code local@domain} (the last {@code @} separates).
     *
     * @throws InvalidNameException when it is not an address
     */
    public static EmailAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidNameException("'" + address + "' is not an address of the form local@domain");
        }
        return new EmailAddress(address.substring(0, at), address.substring(at + 1));
    }

    /** The address with the local part folded to lower case, for case-insensitive lookups. */
    public EmailAddress folded() {
        return new EmailAddress(localPart.toLowerCase(Locale.ROOT), domain);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
