package org.icewarp.core.tls.create;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One subject alternative name (RFC 5280 section 4.2.1.6): a DNS name, an IP address or an e-mail address. Clients
 * match a server's host name against these, not against the common name (RFC 6125), so a server certificate needs at
 * least one.
 *
 * <p>Values are checked and normalised when created: DNS names are lower-cased, internationalised names converted to
 * their ASCII form ({@code xn--}), a leading {@code *.} wildcard label is allowed; IP addresses must be IPv4 or IPv6
 * literals (never looked up) and are kept in their canonical text form; e-mail addresses must be ASCII
 * {@code local@domain}.
 *
 * @param type what kind of name
 * @param value the normalised value
 */
public record SubjectAltName(Type type, String value) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern EMAIL = Pattern.compile("[\\x21-\\x3f\\x41-\\x7e]+@[A-Za-z0-9.-]+");

    /** The kinds of name, with the prefix each has in {@link #parse(String)}. */
    public enum Type {
        /** A DNS name, prefix {@code DNS:}. */
        DNS,
        /** An IPv4 or IPv6 address, prefix {@code IP:}. */
        IP,
        /** An e-mail address (rfc822Name), prefix {@code email:}. */
        EMAIL
    }

    /**
     * Checks and normalises the value for its type.
     *
     * @throws NullPointerException if an argument is null
     * @throws InvalidFieldException naming {@code subjectAltName} if the value is not valid for the type
     */
    public SubjectAltName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        value = switch (type) {
            case DNS -> dnsName(value);
            case IP -> ipAddress(value);
            case EMAIL -> emailAddress(value);
        };
    }

    /**
     * Returns a DNS name.
     *
     * @param name a host name, optionally starting with {@code *.}; must not be null
     * @return the name; never null
     * @throws InvalidFieldException if it is not a host name
     */
    public static SubjectAltName dns(String name) {
        return new SubjectAltName(Type.DNS, name);
    }

    /**
     * Returns an IP address.
     *
     * @param literal an IPv4 or IPv6 literal; must not be null
     * @return the name; never null
     * @throws InvalidFieldException if it is not an IP literal
     */
    public static SubjectAltName ip(String literal) {
        return new SubjectAltName(Type.IP, literal);
    }

    /**
     * Returns an e-mail address.
     *
     * @param address {@code local@domain}; must not be null
     * @return the name; never null
     * @throws InvalidFieldException if it is not an e-mail address
     */
    public static SubjectAltName email(String address) {
        return new SubjectAltName(Type.EMAIL, address);
    }

    /**
     * Parses one name written as {@code DNS:mail.example.com}, {@code IP:192.0.2.1}, {@code IP:2001:db8::1} or
     * {@code email:postmaster@example.com} (prefixes case-insensitive). Without a prefix the type is guessed: an IP
     * literal is an IP address, a value with {@code @} an e-mail address, anything else a DNS name.
     *
     * @param text the name; must not be null
     * @return the name; never null
     * @throws InvalidFieldException naming {@code subjectAltName} for an unknown prefix or an invalid value
     */
    public static SubjectAltName parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon > 0) {
            String prefix = t.substring(0, colon).toUpperCase(Locale.ROOT);
            String rest = t.substring(colon + 1).strip();
            switch (prefix) {
                case "DNS":
                    return dns(rest);
                case "IP":
                    return ip(rest);
                case "EMAIL":
                case "RFC822":
                    return email(rest);
                default:
                    if (!IPV6.matcher(t).matches()) {
                        throw new InvalidFieldException(
                                "subjectAltName",
                                "unknown type '" + t.substring(0, colon) + "' in '" + t + "' (DNS:, IP: or email:)");
                    }
            }
        }
        if (isIpLiteral(t)) {
            return ip(t);
        }
        return t.indexOf('@') >= 0 ? email(t) : dns(t);
    }

    /**
     * Parses a comma-separated list such as {@code DNS:mail.example.com,DNS:*.example.com,IP:192.0.2.1}; empty items
     * are skipped.
     *
     * @param list the names; must not be null
     * @return the names in the order given; never null
     * @throws InvalidFieldException naming {@code subjectAltName} for the first invalid item
     */
    public static List<SubjectAltName> parseList(String list) {
        Objects.requireNonNull(list, "list");
        List<SubjectAltName> names = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            if (!item.isBlank()) {
                names.add(parse(item));
            }
        }
        return List.copyOf(names);
    }

    /** The form {@link #parse(String)} reads: {@code DNS:mail.example.com}. */
    @Override
    public String toString() {
        return (type == Type.EMAIL ? "email" : type.name()) + ":" + value;
    }

    static boolean isEmailAddress(String s) {
        return s.length() <= 255 && EMAIL.matcher(s).matches() && s.indexOf('@') == s.lastIndexOf('@');
    }

    static boolean isIpLiteral(String s) {
        return (IPV4.matcher(s).matches()
                        || (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()))
                && parseIp(s) != null;
    }

    private static InetAddress parseIp(String s) {
        if (s.indexOf(':') < 0) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            // Only literals reach here (checked by the patterns above), so this never asks DNS.
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String ipAddress(String value) {
        String v = value.strip();
        InetAddress a = isIpLiteral(v) ? parseIp(v) : null;
        if (a == null) {
            throw new InvalidFieldException("subjectAltName", "'" + value + "' is not an IPv4 or IPv6 address");
        }
        return a.getHostAddress();
    }

    private static String emailAddress(String value) {
        String v = value.strip();
        if (!isEmailAddress(v)) {
            throw new InvalidFieldException(
                    "subjectAltName", "'" + value + "' is not an e-mail address (local@domain)");
        }
        return v;
    }

    private static String dnsName(String value) {
        String v = value.strip();
        String wildcard = "";
        if (v.startsWith("*.")) {
            wildcard = "*.";
            v = v.substring(2);
        }
        if (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(v, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("subjectAltName", "'" + value + "' is not a DNS name");
        }
        boolean ok = !ascii.isEmpty() && ascii.length() <= 253 - wildcard.length();
        for (String label : ascii.split("\\.", -1)) {
            ok &= LABEL.matcher(label).matches();
        }
        if (!ok || isIpLiteral(ascii)) {
            throw new InvalidFieldException("subjectAltName", "'" + value + "' is not a DNS name");
        }
        return wildcard + ascii;
    }
}
