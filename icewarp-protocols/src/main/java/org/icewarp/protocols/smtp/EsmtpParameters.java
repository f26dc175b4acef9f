package org.icewarp.protocols.smtp;

import java.util.Locale;

/**
 * A cursor over the parameters after a path (RFC 5321 section 4.1.2):
 *
 * <pre>
 * esmtp-param   = esmtp-keyword ["=" esmtp-value]
 * esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 * esmtp-value   = 1*(%d33-60 / %d62-126)    ; RFC 6531 adds UTF8-non-ascii
 * </pre>
 *
 * Parameters are separated by one or more spaces and trailing spaces are ignored (clients are not strict about
 * either). Keywords are case-insensitive and reported in upper case; whether a value may contain non-ASCII is up to the
 * parameter.
 */
final class EsmtpParameters {

    private final String text;
    private final int end;
    private int pos;
    private int seen;
    private String keyword;
    private String value;

    /**
     * @param afterPath the index just after the path's {@code >}
     * @throws ArgumentRejection if something other than a space follows the path
     */
    EsmtpParameters(String text, int afterPath, PathRole role) {
        this.text = text;
        this.end = text.length();
        this.pos = afterPath;
        if (afterPath < end && text.charAt(afterPath) != ' ') {
            throw role.syntax("unexpected characters after the path");
        }
    }

    /**
     * Moves to the next parameter.
     *
     * @return false when there are no more
     * @throws ArgumentRejection if the parameter is malformed
     */
    boolean next() {
        while (pos < end && text.charAt(pos) == ' ') {
            pos++;
        }
        if (pos == end) {
            return false;
        }
        int start = pos;
        int equals = -1;
        while (pos < end && text.charAt(pos) != ' ') {
            char c = text.charAt(pos);
            if (c == '=' && equals < 0) {
                equals = pos;
            } else if (c < 0x20 || c == 0x7f || c == '=' || (equals < 0 && !isKeywordChar(c))) {
                throw invalid("malformed parameter " + ArgumentRejection.quote(text, start, tokenEnd(start)));
            }
            pos++;
        }
        int keywordEnd = equals < 0 ? pos : equals;
        if (keywordEnd == start || text.charAt(start) == '-') {
            throw invalid("malformed parameter " + ArgumentRejection.quote(text, start, pos));
        }
        if (equals == pos - 1) {
            throw invalid("empty value of parameter " + ArgumentRejection.quote(text, start, keywordEnd));
        }
        keyword = text.substring(start, keywordEnd).toUpperCase(Locale.ROOT);
        value = equals < 0 ? null : text.substring(equals + 1, pos);
        return true;
    }

    /** The current keyword in upper case. */
    String keyword() {
        return keyword;
    }

    /** Records that the current parameter, identified by {@code bit}, was seen; refuses it the second time. */
    void once(int bit) {
        if ((seen & bit) != 0) {
            throw new ArgumentRejection(ArgumentError.DUPLICATE_PARAMETER, keyword + " given twice");
        }
        seen |= bit;
    }

    /** Refuses the current parameter if its extension was not offered. */
    void offered(boolean offered) {
        if (!offered) {
            throw new ArgumentRejection(
                    ArgumentError.PARAMETER_NOT_OFFERED, keyword + " belongs to an extension not offered");
        }
    }

    /** The current value; the parameter is refused if it has none. */
    String value() {
        if (value == null) {
            throw invalid(keyword + " needs a value");
        }
        return value;
    }

    /** Refuses the current parameter if it has a value. */
    void noValue() {
        if (value != null) {
            throw invalid(keyword + " takes no value");
        }
    }

    /** A rejection of the current parameter's value. */
    ArgumentRejection invalidValue(String why) {
        return invalid("invalid " + keyword + " value: " + why);
    }

    /** A rejection of an unknown current parameter. */
    ArgumentRejection unknown() {
        return new ArgumentRejection(
                ArgumentError.UNKNOWN_PARAMETER,
                "unknown parameter " + ArgumentRejection.quote(keyword, 0, keyword.length()));
    }

    private int tokenEnd(int start) {
        int i = start;
        while (i < end && text.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static ArgumentRejection invalid(String detail) {
        return new ArgumentRejection(ArgumentError.INVALID_PARAMETER, detail);
    }

    private static boolean isKeywordChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
    }
}
