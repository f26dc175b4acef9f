package org.icewarp.storage.migration;

import java.util.Locale;

/**
 * The text-repair rule. A character is invalid, and removed, when it is
 *
 * <ol>
 *   <li>a surrogate that is not half of a high-low pair (it has no UTF-8 encoding at all);
 *   <li>U+FFFD, the replacement character an earlier decoder left where the bytes were not UTF-8 (what was there is
 *       lost, so the mark is removed, as the seed's "Repair UTF-8 character set" removes invalid characters);
 *   <li>a control character other than TAB, LF and CR: U+0000 to U+001F, U+007F, and the C1 controls U+0080 to
 *       U+009F (what Windows-1252 text decoded as Latin-1 leaves);
 *   <li>a noncharacter: U+FDD0 to U+FDEF, and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...).
 * </ol>
 */
final class TextRules {
    private TextRules() {}

    /** {@code s} without its invalid characters; {@code s} itself when it has none. */
    static String repair(String s) {
        int first = firstInvalid(s);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        for (int i = first; i < s.length(); ) {
            int len = length(s, i);
            if (len > 0) {
                out.append(s, i, i + len);
                i += len;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int firstInvalid(String s) {
        for (int i = 0; i < s.length(); ) {
            int len = length(s, i);
            if (len == 0) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    /** The length in chars of the valid character at {@code i}, or 0 when the char at {@code i} is invalid. */
    private static int length(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                return isNonCharacter(Character.toCodePoint(c, s.charAt(i + 1))) ? 0 : 2;
            }
            return 0;
        }
        if (Character.isLowSurrogate(c)) {
            return 0;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            return 1;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfffd || isNonCharacter(c)) {
            return 0;
        }
        return 1;
    }

    private static boolean isNonCharacter(int cp) {
        return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
    }

    /** {@code s} with every char outside printable ASCII and ordinary text written as a backslash-u escape. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int len = length(s, i);
            if (len == 0 || s.charAt(i) == '\\' || s.charAt(i) < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) s.charAt(i)));
                i++;
            } else {
                out.append(s, i, i + len);
                i += len;
            }
        }
        return out.toString();
    }
}
