package org.icewarp.protocols.smtp;

/**
 * Reverse- and forward-paths (RFC 5321 section 4.1.2, with the UTF-8 extensions of RFC 6531 section 3.3) into {@link
 * SmtpMailbox} values.
 *
 * <pre>
 * Path          = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"          ; the source route A-d-l is checked and ignored
 * Mailbox       = Local-part "@" ( Domain / address-literal )
 * Local-part    = Dot-string / Quoted-string
 * Quoted-string = DQUOTE *( qtextSMTP / "\" %d32-126 ) DQUOTE
 * </pre>
 *
 * <p>The local part is never interpreted: {@code %}, {@code !} and a quoted {@code @} are characters of the local part.
 * Exactly one unquoted {@code @} separates it from the domain, which is the one mail goes to; a second unquoted {@code
 * @} is a syntax error, never a hint about routing. Limits (section 4.5.3.1): local part 64
 * octets as sent (quotes and backslashes included), domain 255 octets, path 256 octets with its angle brackets; UTF-8
 * characters count as their octets. Controls (C0, DEL, C1), unpaired surrogates, U+FFFD and the non-characters U+FFFE
 * and U+FFFF are refused everywhere; spaces only inside quotes; non-ASCII only with SMTPUTF8 and never after a
 * backslash.
 */
final class SmtpPaths {

    static final int MAX_PATH = 256;
    static final int MAX_LOCAL_PART = 64;

    private SmtpPaths() {}

    /**
     * The index of the {@code >} that closes the path opened by the {@code <} at {@code open}, skipping quoted strings
     * and their escapes; -1 if there is none.
     */
    static int closingBracket(String text, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '>') {
                return i;
            } else if (c == '<') {
                return -1;
            }
        }
        return -1;
    }

    /** Checks the 256-octet path limit for {@code text[open, close]}, brackets included. */
    static void checkPathLength(String text, int open, int close, PathRole role) {
        if (utf8Length(text, open, close + 1) > MAX_PATH) {
            throw role.tooLong("path longer than 256 octets");
        }
    }

    /**
     * The mailbox of the path whose content (between the angle brackets) is {@code text[start, end)}.
     *
     * @param utf8 whether non-ASCII characters are allowed (SMTPUTF8)
     * @throws ArgumentRejection if it is not a mailbox
     */
    static SmtpMailbox mailbox(String text, int start, int end, boolean utf8, PathRole role) {
        int i = start;
        if (i < end && text.charAt(i) == '@') {
            i = skipSourceRoute(text, i, end, utf8, role);
        }
        int localStart = i;
        String localPart;
        if (i < end && text.charAt(i) == '"') {
            int close = quotedStringEnd(text, i, end, utf8, role);
            localPart = unquote(text, i + 1, close);
            i = close + 1;
        } else {
            i = dotStringEnd(text, i, end, utf8, role);
            localPart = text.substring(localStart, i);
            if (i == end
                    && role == PathRole.RECIPIENT
                    && localStart == start
                    && localPart.equalsIgnoreCase("postmaster")) {
                // RFC 5321 section 4.5.1: RCPT TO:<Postmaster> without a domain
                return new SmtpMailbox(localPart, "", false);
            }
        }
        if (localPart.isEmpty()) {
            throw role.syntax("empty local part");
        }
        if (utf8Length(text, localStart, i) > MAX_LOCAL_PART) {
            throw role.tooLong("local part longer than 64 octets");
        }
        if (i >= end || text.charAt(i) != '@') {
            throw role.syntax("expected @domain after the local part");
        }
        i++;
        if (i < end && text.charAt(i) == '[') {
            return new SmtpMailbox(localPart, AddressLiterals.canonical(text, i, end, role), true);
        }
        return new SmtpMailbox(localPart, DomainNames.canonical(text, i, end, utf8, role), false);
    }

    /** {@code A-d-l ":"}: {@code @domain} separated by commas; returns the index after the colon. */
    private static int skipSourceRoute(String text, int start, int end, boolean utf8, PathRole role) {
        int i = start;
        while (true) {
            if (i >= end || text.charAt(i) != '@') {
                throw role.syntax("malformed source route");
            }
            int domainStart = ++i;
            while (i < end && text.charAt(i) != ',' && text.charAt(i) != ':') {
                i++;
            }
            if (i == end) {
                throw role.syntax("malformed source route");
            }
            DomainNames.canonical(text, domainStart, i, utf8, role);
            if (text.charAt(i++) == ':') {
                return i;
            }
        }
    }

    /** The index of the closing quote of the quoted string starting at {@code open}. */
    private static int quotedStringEnd(String text, int open, int end, boolean utf8, PathRole role) {
        for (int i = open + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                i++;
                // quoted-pairSMTP = "\" %d32-126: ASCII only, even with SMTPUTF8
                if (i >= end || text.charAt(i) < 0x20 || text.charAt(i) > 0x7e) {
                    throw role.syntax("invalid escape in quoted local part");
                }
            } else if (c >= 0x80) {
                i = checkNonAscii(text, i, end, utf8, true, role);
            } else if (c < 0x20 || c == 0x7f) {
                throw role.syntax("control character in local part");
            }
        }
        throw role.syntax("unterminated quoted local part");
    }

    private static String unquote(String text, int start, int end) {
        if (text.indexOf('\\', start) < 0 || text.indexOf('\\', start) >= end) {
            return text.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code Dot-string = Atom *("." Atom)}; returns the index of the first character after it. */
    private static int dotStringEnd(String text, int start, int end, boolean utf8, PathRole role) {
        int i = start;
        boolean atomStart = true;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c == '@') {
                break;
            }
            if (c == '.') {
                if (atomStart) {
                    throw role.syntax("empty atom in local part (leading or double dot)");
                }
                atomStart = true;
                continue;
            }
            if (c >= 0x80) {
                i = checkNonAscii(text, i, end, utf8, false, role);
            } else if (!isAtext(c)) {
                throw role.syntax(
                        c < 0x20 || c == 0x7f
                                ? "control character in local part"
                                : "invalid character in local part " + ArgumentRejection.quote(text, i, i + 1));
            }
            atomStart = false;
        }
        if (atomStart && i > start) {
            throw role.syntax("local part ends with a dot");
        }
        return i;
    }

    /**
     * Checks the non-ASCII character at {@code i} (a whole surrogate pair) and returns the index of its last char.
     */
    private static int checkNonAscii(String text, int i, int end, boolean utf8, boolean quoted, PathRole role) {
        if (!utf8) {
            throw PathRole.nonAscii();
        }
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                return i + 1;
            }
            throw role.syntax("invalid UTF-16 in address");
        }
        if (Character.isLowSurrogate(c) || c == '\uFFFD' || c == '\uFFFE' || c == '\uFFFF') {
            throw role.syntax("invalid character in address");
        }
        if (Character.getType(c) == Character.CONTROL) {
            throw role.syntax("control character in local part");
        }
        if (!quoted && Character.isSpaceChar(c)) {
            throw role.syntax("space in local part");
        }
        return i;
    }

    /** RFC 5322 atext. */
    static boolean isAtext(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    static int utf8Length(CharSequence text, int start, int end) {
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Whether {@code localPart} can be written as a Dot-string, without quotes (non-ASCII counts as atext). */
    static boolean isDotString(String localPart) {
        boolean atomStart = true;
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c == '.') {
                if (atomStart) {
                    return false;
                }
                atomStart = true;
            } else if (isAtext(c)
                    || c >= 0x80 && !Character.isSpaceChar(c) && Character.getType(c) != Character.CONTROL) {
                atomStart = false;
            } else {
                return false;
            }
        }
        return !atomStart;
    }

    /** The RFC 5321 Local-part for an unquoted local part: itself if a Dot-string, otherwise quoted and escaped. */
    static String quoteLocalPart(String localPart) {
        if (isDotString(localPart)) {
            return localPart;
        }
        StringBuilder out = new StringBuilder(localPart.length() + 4).append('"');
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
