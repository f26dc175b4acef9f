package org.icewarp.protocols.imap;

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

    /**
     * A body section: BODY[], BODY[HEADER], BODY[TEXT] (and their PEEK forms), RFC822, RFC822.HEADER, RFC822.TEXT.
     *
     * @param section {@code ""}, {@code HEADER} or {@code TEXT}
     * @param peek whether {@code \Seen} is left alone
     * @param offset the partial's first octet, or -1 for the whole section
     * @param length the partial's length
     * @param responseName how the response names it, up to the partial origin
     */
    record Body(String section, boolean peek, long offset, long length, String responseName) implements FetchItem {}

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
                return new Body("", false, -1, 0, "RFC822");
            }
            case "RFC822.HEADER" -> {
                return new Body("HEADER", true, -1, 0, "RFC822.HEADER");
            }
            case "RFC822.TEXT" -> {
                return new Body("TEXT", false, -1, 0, "RFC822.TEXT");
            }
            case "BODY", "BODY.PEEK" -> {
                if (r.peek() != '[') {
                    throw new ImapParseException("BODY and BODYSTRUCTURE are not supported yet");
                }
                r.expect('[');
                String section = r.peek() == ']'
                        ? ""
                        : r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
                                .toUpperCase(Locale.ROOT);
                r.expect(']');
                if (!section.isEmpty() && !section.equals("HEADER") && !section.equals("TEXT")) {
                    throw new ImapParseException("section " + section + " is not supported yet");
                }
                long offset = -1;
                long length = 0;
                if (r.peek() == '<') {
                    r.expect('<');
                    offset = r.number();
                    r.expect('.');
                    length = r.nzNumber();
                    r.expect('>');
                }
                return new Body(section, name.equals("BODY.PEEK"), offset, length, "BODY[" + section + "]");
            }
            default -> throw new ImapParseException("unknown or unsupported fetch item " + name);
        }
    }
}
