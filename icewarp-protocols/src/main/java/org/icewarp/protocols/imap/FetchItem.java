package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One FETCH data item (RFC 3501 section 6.4.5) that this server answers. */
sealed interface FetchItem {
    /** FLAGS. */
    record FlagsItem() implements FetchItem {}

    /** INTERNALDATE. */
    record InternalDate() implements FetchItem {}

    /** RFC822.SIZE. */
    record Size() implements FetchItem {}

    /** UID. */
    record Uid() implements FetchItem {}

    /** ENVELOPE. */
    record EnvelopeItem() implements FetchItem {}

    /** BODY (without a section) and BODYSTRUCTURE ({@code extensible}). */
    record Structure(boolean extensible) implements FetchItem {}

    /**
     * A body section: BODY[section] (and its PEEK form), RFC822, RFC822.HEADER, RFC822.TEXT.
     *
     * @param part the part numbers, empty for the whole message
     * @param section {@code ""}, {@code HEADER}, {@code TEXT}, {@code MIME}, {@code HEADER.FIELDS} or
     *     {@code HEADER.FIELDS.NOT}
     * @param fields the field names of HEADER.FIELDS, upper case
     * @param peek whether {@code \Seen} is left alone
     * @param offset the partial's first octet, or -1 for the whole section
     * @param length the partial's length
     * @param responseName how the response names it, up to the partial origin
     */
    record Body(
            List<Integer> part,
            String section,
            List<String> fields,
            boolean peek,
            long offset,
            long length,
            String responseName)
            implements FetchItem {
        public Body {
            part = List.copyOf(part);
            fields = List.copyOf(fields);
        }
    }

    /** Reads one item. */
    static FetchItem parse(ImapReader r) {
        String name = r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.")
                .toUpperCase(Locale.ROOT);
        switch (name) {
            case "FLAGS" -> {
                return new FlagsItem();
            }
            case "INTERNALDATE" -> {
                return new InternalDate();
            }
            case "RFC822.SIZE" -> {
                return new Size();
            }
            case "UID" -> {
                return new Uid();
            }
            case "RFC822" -> {
                return new Body(List.of(), "", List.of(), false, -1, 0, "RFC822");
            }
            case "RFC822.HEADER" -> {
                return new Body(List.of(), "HEADER", List.of(), true, -1, 0, "RFC822.HEADER");
            }
            case "RFC822.TEXT" -> {
                return new Body(List.of(), "TEXT", List.of(), false, -1, 0, "RFC822.TEXT");
            }
            case "ENVELOPE" -> {
                return new EnvelopeItem();
            }
            case "BODYSTRUCTURE" -> {
                return new Structure(true);
            }
            case "BODY", "BODY.PEEK" -> {
                if (r.peek() != '[') {
                    if (name.equals("BODY")) {
                        return new Structure(false);
                    }
                    throw new ImapParseException("BODY.PEEK needs a section");
                }
                r.expect('[');
                List<Integer> part = new ArrayList<>();
                String section = "";
                List<String> fields = new ArrayList<>();
                while (r.peek() >= '1' && r.peek() <= '9') {
                    long n = r.nzNumber();
                    if (n > 10_000 || part.size() >= MimePart.MAX_DEPTH) {
                        throw new ImapParseException("invalid section");
                    }
                    part.add((int) n);
                    if (r.peek() != '.') {
                        break;
                    }
                    r.expect('.');
                }
                if (r.peek() != ']') {
                    section = r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
                            .toUpperCase(Locale.ROOT);
                    switch (section) {
                        case "HEADER", "TEXT" -> {}
                        case "MIME" -> {
                            if (part.isEmpty()) {
                                throw new ImapParseException("MIME needs a part number");
                            }
                        }
                        case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                            r.sp();
                            r.expect('(');
                            fields.add(r.astring().toUpperCase(Locale.ROOT));
                            while (r.maybeSp()) {
                                fields.add(r.astring().toUpperCase(Locale.ROOT));
                            }
                            r.expect(')');
                        }
                        default -> throw new ImapParseException("invalid section " + section);
                    }
                }
                r.expect(']');
                long offset = -1;
                long length = 0;
                if (r.peek() == '<') {
                    r.expect('<');
                    offset = r.number();
                    r.expect('.');
                    length = r.nzNumber();
                    r.expect('>');
                }
                StringBuilder text = new StringBuilder();
                for (int n : part) {
                    text.append(text.length() > 0 ? "." : "").append(n);
                }
                if (!section.isEmpty()) {
                    text.append(text.length() > 0 ? "." : "").append(section);
                }
                if (!fields.isEmpty()) {
                    text.append(" (").append(String.join(" ", fields)).append(')');
                }
                return new Body(part, section, fields, name.equals("BODY.PEEK"), offset, length, "BODY[" + text + "]");
            }
            default -> throw new ImapParseException("unknown or unsupported fetch item " + name);
        }
    }
}
