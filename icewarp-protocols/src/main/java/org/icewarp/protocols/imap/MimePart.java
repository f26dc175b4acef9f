package org.icewarp.protocols.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A message or body part as offsets into the message's bytes (RFC 2045, 2046): its header fields, its content type, and
 * its children (the parts of a multipart, or the message inside a {@code message/rfc822}). Parsing never fails: a
 * missing boundary or a broken header gives a part with less structure, as RFC 2046 asks of readers.
 *
 * <p>Implementation note: the parser is deliberately small (no decoding of content or encoded words; IMAP sends header
 * values as they are). Nesting is bounded at {@link #MAX_DEPTH}.
 */
final class MimePart {
    static final int MAX_DEPTH = 20;

    /** One header field: its name and its unfolded value. */
    record Field(String name, String value) {}

    final byte[] source;
    final int start;
    final int bodyStart;
    final int end;
    final List<Field> fields;
    final String type;
    final String subtype;
    final Map<String, String> parameters;
    final List<MimePart> children;
    /** The message of a {@code message/rfc822} part, or {@code null}. */
    final MimePart message;

    private MimePart(byte[] source, int start, int end, boolean digest, int depth) {
        this.source = source;
        this.start = start;
        this.end = end;
        this.bodyStart = Math.min(end, headerEnd(source, start, end));
        this.fields = parseFields(source, start, bodyStart);
        String contentType = field("Content-Type");
        String t = digest ? "message" : "text";
        String s = digest ? "rfc822" : "plain";
        Map<String, String> params = new LinkedHashMap<>();
        if (contentType != null) {
            ContentType ct = ContentType.parse(contentType);
            if (ct != null) {
                t = ct.type;
                s = ct.subtype;
                params = ct.parameters;
            }
        }
        if (contentType == null && !digest) {
            params.put("charset", "us-ascii");
        }
        this.type = t;
        this.subtype = s;
        this.parameters = params;
        List<MimePart> kids = new ArrayList<>();
        MimePart inner = null;
        if (depth < MAX_DEPTH) {
            if (t.equals("multipart") && params.containsKey("boundary")) {
                for (int[] range : split(source, bodyStart, end, params.get("boundary"))) {
                    kids.add(new MimePart(source, range[0], range[1], s.equals("digest"), depth + 1));
                }
            } else if (t.equals("message") && s.equals("rfc822")) {
                inner = new MimePart(source, bodyStart, end, false, depth + 1);
            }
        }
        this.children = List.copyOf(kids);
        this.message = inner;
    }

    /** Parses a whole message. */
    static MimePart parse(byte[] message) {
        return new MimePart(message, 0, message.length, false, 0);
    }

    boolean isMultipart() {
        return type.equals("multipart") && !children.isEmpty();
    }

    /** The unfolded value of the first field with this name, or {@code null}. */
    String field(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** The body's octets. */
    int bodySize() {
        return end - bodyStart;
    }

    /** The body's lines (CRLF counted; a last line without one counts too). */
    int bodyLines() {
        int lines = 0;
        for (int i = bodyStart; i < end; i++) {
            if (source[i] == '\n') {
                lines++;
            }
        }
        if (end > bodyStart && source[end - 1] != '\n') {
            lines++;
        }
        return lines;
    }

    /**
     * The part a section's part numbers name (RFC 3501 section 6.4.5), or {@code null} when there is none. Numbers
     * index the parts of a multipart; a part that is a message is looked into; part 1 of anything that is not multipart
     * is itself.
     */
    MimePart part(List<Integer> numbers) {
        MimePart current = this;
        for (int n : numbers) {
            MimePart container = current.message != null ? current.message : current;
            if (container.isMultipart()) {
                if (n < 1 || n > container.children.size()) {
                    return null;
                }
                current = container.children.get(n - 1);
            } else if (n == 1) {
                current = container;
            } else {
                return null;
            }
        }
        return current;
    }

    /** Where the body starts: after the first empty line, or at the end when there is none. */
    static int headerEnd(byte[] c, int from, int to) {
        if (from < to && (c[from] == '\n' || (c[from] == '\r' && from + 1 < to && c[from + 1] == '\n'))) {
            return c[from] == '\n' ? from + 1 : from + 2; // no header at all
        }
        for (int i = from; i < to; i++) {
            if (c[i] == '\n') {
                if (i + 1 < to && c[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < to && c[i + 1] == '\r' && c[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return to;
    }

    private static List<Field> parseFields(byte[] b, int from, int to) {
        List<Field> out = new ArrayList<>();
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(line);
                continue;
            }
            if (name != null) {
                out.add(new Field(name, value.toString().trim()));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).trim();
            value.setLength(0);
            value.append(line.substring(colon + 1));
        }
        if (name != null) {
            out.add(new Field(name, value.toString().trim()));
        }
        return out;
    }

    /** The parts of a multipart body: the ranges between {@code --boundary} delimiter lines (RFC 2046 section 5.1.1). */
    private static List<int[]> split(byte[] b, int from, int to, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> parts = new ArrayList<>();
        int partStart = -1;
        int i = from;
        while (i < to) {
            int lineEnd = i;
            while (lineEnd < to && b[lineEnd] != '\n') {
                lineEnd++;
            }
            if (startsWith(b, i, lineEnd, delimiter)) {
                boolean close = startsWith(b, i + delimiter.length, lineEnd, new byte[] {'-', '-'});
                if (partStart >= 0) {
                    // the CRLF before the delimiter belongs to the delimiter
                    int partEnd = i;
                    if (partEnd > partStart && b[partEnd - 1] == '\n') {
                        partEnd--;
                        if (partEnd > partStart && b[partEnd - 1] == '\r') {
                            partEnd--;
                        }
                    }
                    parts.add(new int[] {partStart, Math.max(partStart, partEnd)});
                }
                if (close) {
                    return parts;
                }
                partStart = Math.min(lineEnd + 1, to);
            }
            i = lineEnd + 1;
        }
        if (partStart >= 0 && partStart < to) {
            parts.add(new int[] {partStart, to});
        }
        return parts;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[from + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** A parsed Content-Type (RFC 2045 section 5.1); type and subtype lower case, parameter names lower case. */
    record ContentType(String type, String subtype, Map<String, String> parameters) {
        static ContentType parse(String value) {
            HeaderTokens t = new HeaderTokens(value);
            String type = t.token();
            if (type == null || !t.skip('/')) {
                return null;
            }
            String subtype = t.token();
            if (subtype == null) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (t.skip(';')) {
                String name = t.token();
                if (name == null || !t.skip('=')) {
                    break;
                }
                String v = t.tokenOrQuoted();
                if (v == null) {
                    break;
                }
                params.put(name.toLowerCase(Locale.ROOT), v);
            }
            return new ContentType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT), params);
        }
    }
}
