package org.icewarp.protocols.imap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** The octets of a FETCH body section (RFC 3501 section 6.4.5); a section that does not exist is empty. */
final class Sections {
    private static final byte[] NONE = new byte[0];

    private Sections() {}

    static byte[] bytes(MimePart message, FetchItem.Body body) {
        MimePart part = message.part(body.part());
        if (part == null) {
            return NONE;
        }
        byte[] src = message.source;
        switch (body.section()) {
            case "" -> {
                return body.part().isEmpty() ? src : Arrays.copyOfRange(src, part.bodyStart, part.end);
            }
            case "MIME" -> {
                return Arrays.copyOfRange(src, part.start, part.bodyStart);
            }
            default -> {
                // HEADER, TEXT and HEADER.FIELDS address a message: the top one, or a message/rfc822 part's
                MimePart m = body.part().isEmpty() ? message : part.message;
                if (m == null) {
                    return NONE;
                }
                return switch (body.section()) {
                    case "HEADER" -> Arrays.copyOfRange(src, m.start, m.bodyStart);
                    case "TEXT" -> Arrays.copyOfRange(src, m.bodyStart, m.end);
                    default ->
                        fields(
                                src,
                                m.start,
                                m.bodyStart,
                                Set.copyOf(body.fields()),
                                body.section().endsWith(".NOT"));
                };
            }
        }
    }

    /** The header fields named (or, with {@code not}, all others), folded lines kept, and the empty line after them. */
    private static byte[] fields(byte[] src, int from, int to, Set<String> names, boolean not) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = from;
        boolean keep = false;
        while (i < to) {
            int lineEnd = i;
            while (lineEnd < to && src[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = Math.min(lineEnd + 1, to);
            boolean blank = lineEnd == i || (lineEnd == i + 1 && src[i] == '\r');
            if (blank) {
                break;
            }
            if (src[i] != ' ' && src[i] != '\t') {
                int colon = i;
                while (colon < lineEnd && src[colon] != ':') {
                    colon++;
                }
                String name = new String(src, i, colon - i, StandardCharsets.ISO_8859_1)
                        .trim()
                        .toUpperCase(Locale.ROOT);
                keep = names.contains(name) != not;
            }
            if (keep) {
                out.write(src, i, next - i);
            }
            i = next;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
