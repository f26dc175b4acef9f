package org.icewarp.protocols.smtp;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Domains of SMTP paths in canonical form: the form mail is routed by, so that the relay check and delivery always
 * agree on the destination.
 *
 * <ul>
 *   <li>RFC 5321 {@code Domain}: labels of letters, digits and hyphens, 1 to 63 octets, not starting or ending with a
 *       hyphen, joined by single dots; no empty label and no trailing dot; at most 255 octets in all (RFC 5321 section
 *       4.5.3.1.2). Lower-cased.
 *   <li>The top-level label is not all digits (RFC 1123 section 2.1): {@code user@127.0.0.1} is refused, so a dotted
 *       quad can only arrive as an address literal, never as a "domain" that some resolver would read as an address.
 *   <li>An ASCII label starting with {@code xn--} must be a valid A-label (it decodes and re-encodes to itself).
 *   <li>A domain with non-ASCII characters (RFC 6531) goes through {@link IDN#toASCII(String, int)} with {@link
 *       IDN#USE_STD3_ASCII_RULES}, which is IDNA2003: nameprep maps compatibility forms (full-width letters, the
 *       ideographic full stop {@code U+3002} and the other dot variants as label separators), folds case and drops
 *       characters mapped to nothing (such as the soft hyphen), so {@code ＥＸＡＭＰＬＥ.com} becomes {@code
 *       example.com}; unassigned code points and prohibited characters are refused. The result must pass the ASCII
 *       rules above.
 * </ul>
 */
final class DomainNames {

    static final int MAX_DOMAIN = 255;
    static final int MAX_LABEL = 63;

    private DomainNames() {}

    /**
     * The canonical form of the domain {@code text[start, end)}.
     *
     * @param utf8 whether non-ASCII (U-labels) may appear
     * @throws ArgumentRejection if it is not a domain, is too long, or is non-ASCII without {@code utf8}
     */
    static String canonical(String text, int start, int end, boolean utf8, PathRole role) {
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return checkAscii(text, start, end, role);
        }
        if (!utf8) {
            throw PathRole.nonAscii();
        }
        String raw = text.substring(start, end);
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_DOMAIN) {
            throw role.tooLong("domain longer than 255 octets");
        }
        String alabels;
        try {
            alabels = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw role.syntax("invalid internationalised domain " + ArgumentRejection.quote(text, start, end));
        }
        return checkAscii(alabels, 0, alabels.length(), role);
    }

    private static String checkAscii(String text, int start, int end, PathRole role) {
        if (end - start > MAX_DOMAIN) {
            throw role.tooLong("domain longer than 255 octets");
        }
        if (start == end) {
            throw role.syntax("empty domain");
        }
        boolean upper = false;
        int labelStart = start;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '.';
            if (c == '.') {
                if (i == end && labelStart == end && end > start) {
                    throw role.syntax("domain ends with a dot");
                }
                checkLabel(text, labelStart, i, i == end, role);
                labelStart = i + 1;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw role.syntax("invalid character in domain " + ArgumentRejection.quote(text, start, end));
            }
        }
        String domain = text.substring(start, end);
        return upper ? domain.toLowerCase(Locale.ROOT) : domain;
    }

    private static void checkLabel(String text, int start, int end, boolean last, PathRole role) {
        int length = end - start;
        if (length == 0) {
            throw role.syntax("empty label in domain");
        }
        if (length > MAX_LABEL) {
            throw role.syntax("domain label longer than 63 octets");
        }
        if (text.charAt(start) == '-' || text.charAt(end - 1) == '-') {
            throw role.syntax("domain label starts or ends with a hyphen");
        }
        if (last) {
            boolean digits = true;
            for (int i = start; i < end && digits; i++) {
                digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
            }
            if (digits) {
                throw role.syntax("numeric top-level domain; use an address literal such as [192.0.2.1]");
            }
        }
        if (length > 4 && text.regionMatches(true, start, "xn--", 0, 4)) {
            String label = text.substring(start, end).toLowerCase(Locale.ROOT);
            // IDN.toUnicode returns its input unchanged when the label does not decode and re-encode to itself
            if (IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES).equals(label)) {
                throw role.syntax("invalid A-label " + ArgumentRejection.quote(label, 0, label.length()));
            }
        }
    }
}
