package org.icewarp.protocols.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The xtext encoding of RFC 3461 section 4, used by {@code ENVID}, {@code ORCPT} and {@code AUTH=}.
 *
 * <pre>
 * xtext   = *( xchar / hexchar )
 * xchar   = any ASCII from "!" (33) to "~" (126) except "+" and "="
 * hexchar = "+" 2(%x30-39 / %x41-46)   ; upper-case hex only
 * </pre>
 *
 * <p>The decoded octets are read as UTF-8 (ASCII being its subset); octets that are not valid UTF-8 make the input
 * malformed. Decoded values may contain any character, including controls: callers decide what they accept.
 */
final class XText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private XText() {}

    /**
     * Decodes xtext.
     *
     * @param xtext the encoded text
     * @return the decoded text, or empty if {@code xtext} is not xtext (a character outside {@code xchar}, a {@code +}
     *     not followed by two upper-case hex digits, or octets that are not UTF-8)
     */
    static Optional<String> decode(CharSequence xtext) {
        Objects.requireNonNull(xtext, "xtext");
        int length = xtext.length();
        if (xtext.toString().indexOf('+') < 0) {
            // the common case: no escapes, nothing to copy but the check
            for (int i = 0; i < length; i++) {
                if (!isXChar(xtext.charAt(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(xtext.toString());
        }
        byte[] octets = new byte[length];
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= length) {
                    return Optional.empty();
                }
                int hi = upperHex(xtext.charAt(i + 1));
                int lo = upperHex(xtext.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                octets[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (isXChar(c)) {
                octets[n++] = (byte) c;
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets, 0, n))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Encodes text as xtext: its UTF-8 octets, each {@code xchar} as itself and every other octet as {@code +XX}.
     *
     * @param text the text to encode
     * @return the xtext
     */
    static String encode(String text) {
        Objects.requireNonNull(text, "text");
        byte[] octets = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(octets.length + 8);
        for (byte b : octets) {
            int o = b & 0xff;
            if (o < 0x80 && isXChar((char) o)) {
                out.append((char) o);
            } else {
                out.append('+').append(HEX[o >> 4]).append(HEX[o & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isXChar(char c) {
        return c >= '!' && c <= '~' && c != '+' && c != '=';
    }

    private static int upperHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
