package org.icewarp.storage;

import java.util.Locale;
import java.util.Set;

/**
 * The rules every name that reaches storage must pass, shared by all backends so that they all reject the same
 * things. A name that passes cannot escape a store's root when used as one path segment: it has no separators, no dot
 * segments, no control characters, no encoded separators, and no name Windows reserves for devices.
 */
public final class Names {
    /** Longest segment (one folder level, one local part) in characters. */
    public static final int MAX_SEGMENT = 200;

    private static final Set<String> DEVICES = Set.of(
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1",
            "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "CONIN$", "CONOUT$");

    /** Encoded separators and dots: percent-encoding and IMAP's modified UTF-7 ({@code &AC8-} is "/"). */
    private static final String[] ENCODED = {"%2f", "%5c", "%2e", "%00", "&ac8-", "&afw-", "&ac4-"};

    private Names() {}

    /**
     * Checks one segment.
     *
     * @param what names the kind of name in the message ("folder name", "local part")
     * @throws InvalidNameException naming the value and the rule it breaks
     */
    public static String requireSafeSegment(String what, String segment) {
        if (segment == null || segment.isEmpty()) {
            throw new InvalidNameException(what + " must not be empty");
        }
        if (segment.length() > MAX_SEGMENT) {
            throw new InvalidNameException(what + " is longer than " + MAX_SEGMENT + " characters");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new InvalidNameException(what + " '" + segment + "' is a dot segment");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20
                    || c == 0x7f
                    || c == '/'
                    || c == '\\'
                    || c == ':'
                    || (c >= 0xd800 && c <= 0xdfff && !pair(segment, i))) {
                throw new InvalidNameException(what + " '" + printable(segment) + "' contains a forbidden character (U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + ")");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        char last = segment.charAt(segment.length() - 1);
        if (last == '.' || last == ' ' || segment.charAt(0) == ' ') {
            throw new InvalidNameException(what + " '" + segment + "' starts with a space or ends with a dot or space");
        }
        String lower = segment.toLowerCase(Locale.ROOT);
        for (String e : ENCODED) {
            if (lower.contains(e)) {
                throw new InvalidNameException(what + " '" + segment + "' contains an encoded separator (" + e + ")");
            }
        }
        String base = segment.toUpperCase(Locale.ROOT);
        int dot = base.indexOf('.');
        if (DEVICES.contains(dot < 0 ? base : base.substring(0, dot))) {
            throw new InvalidNameException(what + " '" + segment + "' is a reserved device name");
        }
        return segment;
    }

    private static boolean pair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? "\\u" + String.format(Locale.ROOT, "%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
