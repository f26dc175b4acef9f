package org.icewarp.protocols.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Modified UTF-7 for mailbox names (RFC 3501 section 5.1.3): printable ASCII stands for itself, {@code &} is written
 * {@code &-}, and every other run of characters is UTF-16BE in modified base64 ({@code ,} for {@code /}, no padding)
 * between {@code &} and {@code -}.
 *
 * <p>Decoding is strict: a name is accepted only in its one canonical encoding. So a printable character (a
 * {@code /} or a {@code .}) hidden inside a base64 run, two adjacent runs, padding bits that are not zero, or an
 * unpaired surrogate make the name invalid rather than silently meaning something else.
 */
final class ModifiedUtf7 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {}

    /** Encodes a mailbox name. */
    static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int start = i;
                while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                    i++;
                }
                byte[] utf16 = name.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
                out.append('&')
                        .append(ENCODER.encodeToString(utf16).replace('/', ','))
                        .append('-');
            }
        }
        return out.toString();
    }

    /** Decodes a mailbox name; empty when it is not in canonical modified UTF-7. */
    static Optional<String> decode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        boolean lastWasRun = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return Optional.empty();
            }
            if (c != '&') {
                out.append(c);
                i++;
                lastWasRun = false;
                continue;
            }
            int dash = text.indexOf('-', i + 1);
            if (dash < 0) {
                return Optional.empty();
            }
            if (dash == i + 1) {
                out.append('&');
                i = dash + 1;
                lastWasRun = false;
                continue;
            }
            if (lastWasRun) {
                return Optional.empty(); // "&AAA-&AAA-" must have been one run
            }
            Optional<String> run = run(text.substring(i + 1, dash));
            if (run.isEmpty()) {
                return Optional.empty();
            }
            out.append(run.get());
            i = dash + 1;
            lastWasRun = true;
        }
        return Optional.of(out.toString());
    }

    private static Optional<String> run(String b64) {
        for (int k = 0; k < b64.length(); k++) {
            char c = b64.charAt(k);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == ',';
            if (!ok) {
                return Optional.empty();
            }
        }
        if (b64.length() % 4 == 1) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(b64.replace(',', '/'));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length == 0 || bytes.length % 2 != 0) {
            return Optional.empty();
        }
        String s = new String(bytes, StandardCharsets.UTF_16BE);
        // canonical: re-encoding gives the same text (catches non-zero padding bits and encoded printable ASCII)
        ByteArrayOutputStream check = new ByteArrayOutputStream();
        check.writeBytes(s.getBytes(StandardCharsets.UTF_16BE));
        String again = ENCODER.encodeToString(check.toByteArray()).replace('/', ',');
        if (!again.equals(b64)) {
            return Optional.empty();
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 0x20 && c <= 0x7e) {
                return Optional.empty();
            }
            if (Character.isHighSurrogate(c)) {
                if (k + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(k + 1))) {
                    return Optional.empty();
                }
                k++;
            } else if (Character.isLowSurrogate(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(s);
    }
}
