package org.icewarp.protocols.imap;

/**
 * A reader of structured header values (RFC 5322 section 3.2, RFC 2045 section 5.1): tokens, quoted strings, special
 * characters, with folding white space and comments skipped. Returns {@code null} where the value does not continue as
 * asked; never throws.
 */
final class HeaderTokens {
    private static final String SPECIALS = "()<>@,;:\\\"/[]?=";

    private final String s;
    private int pos;

    HeaderTokens(String s) {
        this.s = s;
    }

    boolean atEnd() {
        skipCfws();
        return pos >= s.length();
    }

    int position() {
        return pos;
    }

    void position(int p) {
        pos = p;
    }

    /** The next non-blank character, or -1. */
    int peek() {
        skipCfws();
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    /** Reads {@code c} if it is next. */
    boolean skip(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** A token (RFC 2045): no specials, spaces or controls. */
    String token() {
        skipCfws();
        int start = pos;
        while (pos < s.length() && s.charAt(pos) > ' ' && SPECIALS.indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        return pos == start ? null : s.substring(start, pos);
    }

    /** An atom with dots (RFC 5322 dot-atom), for local parts and domains. */
    String dotAtom() {
        skipCfws();
        int start = pos;
        while (pos < s.length() && (s.charAt(pos) > ' ' && "()<>@,;:\\\"[]".indexOf(s.charAt(pos)) < 0)) {
            pos++;
        }
        return pos == start ? null : s.substring(start, pos);
    }

    /** A quoted string's content, unescaped. */
    String quoted() {
        if (peek() != '"') {
            return null;
        }
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            out.append(c);
        }
        return out.toString();
    }

    String tokenOrQuoted() {
        return peek() == '"' ? quoted() : token();
    }

    /** A domain literal {@code [..]} as it is written. */
    String domainLiteral() {
        if (peek() != '[') {
            return null;
        }
        int close = s.indexOf(']', pos);
        if (close < 0) {
            return null;
        }
        String out = s.substring(pos, close + 1);
        pos = close + 1;
        return out;
    }

    /** Everything up to {@code stop} (not read), trimmed: a display name of words and quoted strings. */
    String phraseUntil(String stops) {
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = peek();
            if (c < 0 || stops.indexOf(c) >= 0) {
                return out.toString().trim();
            }
            String word = c == '"' ? quoted() : dotAtom();
            if (word == null) {
                pos++;
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word);
        }
    }

    private void skipCfws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                int depth = 0;
                while (pos < s.length()) {
                    char d = s.charAt(pos++);
                    if (d == '\\') {
                        pos++;
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        break;
                    }
                }
            } else {
                return;
            }
        }
    }
}
