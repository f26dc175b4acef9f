package org.icewarp.protocols.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tokens of one command (RFC 3501 section 9 grammar) from the bytes {@link ImapDecoder} delivered: atoms,
 * quoted strings, literals, parenthesised lists. Every method throws {@link ImapParseException} on input that does
 * not match, never anything else.
 */
final class ImapReader {
    private final byte[] bytes;
    private int pos;

    ImapReader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Whether every byte was read. */
    boolean atEnd() {
        return pos >= bytes.length;
    }

    /** The next byte, or -1 at the end. */
    int peek() {
        return pos < bytes.length ? bytes[pos] & 0xff : -1;
    }

    /** The read position, for {@link #reset}. */
    int mark() {
        return pos;
    }

    /** Goes back to a position from {@link #mark}. */
    void reset(int mark) {
        pos = mark;
    }

    /** Fails unless every byte was read. */
    void end() {
        if (!atEnd()) {
            throw new ImapParseException("unexpected characters at the end");
        }
    }

    /** One space. */
    void sp() {
        expect(' ');
    }

    /** Whether a space follows; reads it when it does. */
    boolean maybeSp() {
        if (peek() == ' ') {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (peek() != c) {
            throw new ImapParseException("expected '" + c + "'");
        }
        pos++;
    }

    /** A command tag: ASTRING-CHAR except '+'. */
    String tag() {
        int start = pos;
        while (pos < bytes.length && isTagChar(bytes[pos])) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("missing tag");
        }
        return ascii(start, pos);
    }

    /** An atom (ATOM-CHAR, RFC 3501 section 9). */
    String atom() {
        int start = pos;
        while (pos < bytes.length && isAtomChar(bytes[pos])) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("expected an atom");
        }
        return ascii(start, pos);
    }

    /** A run of the given characters (for sequence sets and FETCH item names, which atoms do not cover). */
    String chars(String allowed) {
        int start = pos;
        while (pos < bytes.length && allowed.indexOf(bytes[pos]) >= 0) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("expected one of " + allowed);
        }
        return ascii(start, pos);
    }

    /** An astring: an atom (with ']' allowed), a quoted string or a literal. */
    String astring() {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        int start = pos;
        while (pos < bytes.length && (isAtomChar(bytes[pos]) || bytes[pos] == ']')) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("expected an atom or a string");
        }
        return ascii(start, pos);
    }

    /** A list-mailbox (LIST patterns): list-chars with the wildcards, or a string. */
    String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        int start = pos;
        while (pos < bytes.length
                && (isAtomChar(bytes[pos]) || bytes[pos] == ']' || bytes[pos] == '%' || bytes[pos] == '*')) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("expected a mailbox pattern");
        }
        return ascii(start, pos);
    }

    /** A quoted string or a literal, as UTF-8 text. */
    String string() {
        return new String(stringBytes(), StandardCharsets.UTF_8);
    }

    /** A quoted string or a literal, as bytes. */
    byte[] stringBytes() {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{') {
            return literal();
        }
        throw new ImapParseException("expected a string");
    }

    /** Whether a literal starts here. */
    boolean atLiteral() {
        return peek() == '{';
    }

    /** A literal: {@code {n}}, {@code {n+}} or {@code {n-}}, CRLF, n octets. */
    byte[] literal() {
        expect('{');
        long n = number();
        if (peek() == '+' || peek() == '-') {
            pos++;
        }
        expect('}');
        expect('\r');
        expect('\n');
        if (n > bytes.length - pos) {
            throw new ImapParseException("literal is shorter than announced");
        }
        byte[] out = new byte[(int) n];
        System.arraycopy(bytes, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    private byte[] quoted() {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= bytes.length) {
                throw new ImapParseException("unterminated quoted string");
            }
            byte b = bytes[pos++];
            if (b == '"') {
                return out.toByteArray();
            }
            if (b == '\r' || b == '\n' || b == 0) {
                throw new ImapParseException("quoted string contains CR, LF or NUL");
            }
            if (b == '\\') {
                if (pos >= bytes.length || (bytes[pos] != '"' && bytes[pos] != '\\')) {
                    throw new ImapParseException("only \\\" and \\\\ may be escaped in a quoted string");
                }
                b = bytes[pos++];
            }
            out.write(b);
        }
    }

    /** An nstring: NIL or a string. */
    String nstring() {
        if (peek() == 'N' || peek() == 'n') {
            String nil = atom();
            if (!nil.equalsIgnoreCase("NIL")) {
                throw new ImapParseException("expected NIL or a string");
            }
            return null;
        }
        return string();
    }

    /** A non-negative number below 2^48. */
    long number() {
        int start = pos;
        long n = 0;
        while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
            n = n * 10 + (bytes[pos++] - '0');
            if (pos - start > 14) {
                throw new ImapParseException("number too large");
            }
        }
        if (pos == start) {
            throw new ImapParseException("expected a number");
        }
        return n;
    }

    /** A number from 1 to 2^32-1. */
    long nzNumber() {
        long n = number();
        if (n < 1 || n > 0xFFFF_FFFFL) {
            throw new ImapParseException("expected a number from 1 to 4294967295");
        }
        return n;
    }

    /** A parenthesised list of flags ({@code \Seen}, keywords); empty lists allowed. */
    List<String> flagList() {
        expect('(');
        List<String> flags = new ArrayList<>();
        while (peek() != ')') {
            if (!flags.isEmpty()) {
                sp();
            }
            flags.add(flag());
        }
        pos++;
        return flags;
    }

    /** A flag: an atom, optionally after a backslash. */
    String flag() {
        if (peek() == '\\') {
            pos++;
            if (peek() == '*') {
                pos++;
                return "\\*";
            }
            return "\\" + atom();
        }
        return atom();
    }

    /** A sequence set as text, to be resolved against a mailbox by {@link SequenceSet}. */
    SequenceSet sequenceSet() {
        return SequenceSet.parse(chars("0123456789:*,"));
    }

    private String ascii(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    /** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ]. Non-ASCII is not an atom char. */
    static boolean isAtomChar(byte b) {
        return b > 0x20 && b < 0x7f && "(){%*\"\\]".indexOf(b) < 0;
    }

    /** A tag character: ASTRING-CHAR except '+'. */
    static boolean isTagChar(byte b) {
        return (isAtomChar(b) || b == ']') && b != '+';
    }
}
