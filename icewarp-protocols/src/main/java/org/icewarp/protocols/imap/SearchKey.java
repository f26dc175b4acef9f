package org.icewarp.protocols.imap;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icewarp.storage.Flag;

/**
 * The search criteria of RFC 3501 section 6.4.4, as a closed family of values with their parser and their test.
 * Strings match as case-insensitive substrings; dates ignore the time and the zone (internal dates are compared in UTC,
 * header dates in their own zone), as the RFC says.
 */
sealed interface SearchKey {
    /** What a key is tested against. */
    interface Message {
        long uid();

        org.icewarp.storage.MessageMetadata metadata();

        boolean recent();

        /** The parsed message; loaded only for keys that need it. */
        MimePart mime();
    }

    boolean test(Message m);

    /** Whether the test reads the message's content. */
    default boolean needsContent() {
        return false;
    }

    record All() implements SearchKey {
        @Override
        public boolean test(Message m) {
            return true;
        }
    }

    record HasFlag(Flag flag, boolean set) implements SearchKey {
        @Override
        public boolean test(Message m) {
            return m.metadata().flags().has(flag) == set;
        }
    }

    record Keyword(String keyword, boolean set) implements SearchKey {
        @Override
        public boolean test(Message m) {
            return m.metadata().flags().keywords().contains(keyword) == set;
        }
    }

    record Recent(boolean set) implements SearchKey {
        @Override
        public boolean test(Message m) {
            return m.recent() == set;
        }
    }

    record Size(boolean larger, long octets) implements SearchKey {
        @Override
        public boolean test(Message m) {
            return larger ? m.metadata().size() > octets : m.metadata().size() < octets;
        }
    }

    record Numbers(SequenceSet set, boolean uid) implements SearchKey {
        @Override
        public boolean test(Message m) {
            // resolved against the mailbox by the command before the search (see SearchCommand)
            throw new IllegalStateException("resolved before use");
        }
    }

    /** A set already resolved to UIDs. */
    record UidIn(java.util.Set<Long> uids) implements SearchKey {
        @Override
        public boolean test(Message m) {
            return uids.contains(m.uid());
        }
    }

    record Not(SearchKey key) implements SearchKey {
        @Override
        public boolean test(Message m) {
            return !key.test(m);
        }

        @Override
        public boolean needsContent() {
            return key.needsContent();
        }
    }

    record Or(SearchKey a, SearchKey b) implements SearchKey {
        @Override
        public boolean test(Message m) {
            return a.test(m) || b.test(m);
        }

        @Override
        public boolean needsContent() {
            return a.needsContent() || b.needsContent();
        }
    }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean test(Message m) {
            for (SearchKey k : keys) {
                if (!k.test(m)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean needsContent() {
            return keys.stream().anyMatch(SearchKey::needsContent);
        }
    }

    /** BEFORE, ON, SINCE (internal date) and SENTBEFORE, SENTON, SENTSINCE (Date header). */
    record DateKey(int relation, LocalDate date, boolean sent) implements SearchKey {
        @Override
        public boolean test(Message m) {
            LocalDate d;
            if (sent) {
                String header = m.mime().field("Date");
                if (header == null) {
                    return false;
                }
                try {
                    d = ZonedDateTime.parse(
                                    header.replaceAll("\\s*\\(.*\\)\\s*$", "").trim(),
                                    DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toLocalDate();
                } catch (DateTimeParseException e) {
                    return false;
                }
            } else {
                d = m.metadata().internalDate().atZone(ZoneOffset.UTC).toLocalDate();
            }
            int c = d.compareTo(date);
            return relation < 0 ? c < 0 : relation == 0 ? c == 0 : c >= 0;
        }

        @Override
        public boolean needsContent() {
            return sent;
        }
    }

    /** HEADER, and FROM, TO, CC, BCC, SUBJECT as HEADER with that name. */
    record Header(String name, String value) implements SearchKey {
        @Override
        public boolean test(Message m) {
            String needle = value.toLowerCase(Locale.ROOT);
            for (MimePart.Field f : m.mime().fields) {
                if (f.name().equalsIgnoreCase(name)
                        && f.value().toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** BODY (the text after the header) and TEXT (the whole message). */
    record Text(String value, boolean whole) implements SearchKey {
        @Override
        public boolean test(Message m) {
            MimePart mime = m.mime();
            int from = whole ? mime.start : mime.bodyStart;
            String text = new String(mime.source, from, mime.end - from, StandardCharsets.UTF_8);
            return text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean needsContent() {
            return true;
        }
    }

    /** {@code date} of RFC 3501 section 9, month names in any case. */
    DateTimeFormatter DATE = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy")
            .toFormatter(Locale.ROOT);

    /**
     * Replaces sequence and UID sets by the UIDs they name in the mailbox ({@code uids}, in sequence order).
     *
     * @throws ImapParseException for a sequence number beyond the mailbox
     */
    static SearchKey resolve(SearchKey key, List<Long> uids) {
        if (key instanceof Numbers n) {
            return new UidIn(new java.util.HashSet<>(n.set().resolve(n.uid(), uids)));
        }
        if (key instanceof Not not) {
            return new Not(resolve(not.key(), uids));
        }
        if (key instanceof Or or) {
            return new Or(resolve(or.a(), uids), resolve(or.b(), uids));
        }
        if (key instanceof And and) {
            List<SearchKey> out = new ArrayList<>();
            for (SearchKey k : and.keys()) {
                out.add(resolve(k, uids));
            }
            return new And(out);
        }
        return key;
    }

    /** Reads search keys up to the end of the command (or a closing parenthesis); they all must match. */
    static SearchKey parseAll(ImapReader r) {
        List<SearchKey> keys = new ArrayList<>();
        keys.add(parse(r, 0));
        while (r.maybeSp()) {
            keys.add(parse(r, 0));
        }
        return keys.size() == 1 ? keys.get(0) : new And(keys);
    }

    private static SearchKey parse(ImapReader r, int depth) {
        if (depth > 50) {
            throw new ImapParseException("search keys nested too deeply");
        }
        int c = r.peek();
        if (c == '(') {
            r.expect('(');
            List<SearchKey> keys = new ArrayList<>();
            keys.add(parse(r, depth + 1));
            while (r.maybeSp()) {
                keys.add(parse(r, depth + 1));
            }
            r.expect(')');
            return keys.size() == 1 ? keys.get(0) : new And(keys);
        }
        if ((c >= '0' && c <= '9') || c == '*') {
            return new Numbers(r.sequenceSet(), false);
        }
        String name = r.atom().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" -> new All();
            case "ANSWERED" -> new HasFlag(Flag.ANSWERED, true);
            case "DELETED" -> new HasFlag(Flag.DELETED, true);
            case "DRAFT" -> new HasFlag(Flag.DRAFT, true);
            case "FLAGGED" -> new HasFlag(Flag.FLAGGED, true);
            case "SEEN" -> new HasFlag(Flag.SEEN, true);
            case "UNANSWERED" -> new HasFlag(Flag.ANSWERED, false);
            case "UNDELETED" -> new HasFlag(Flag.DELETED, false);
            case "UNDRAFT" -> new HasFlag(Flag.DRAFT, false);
            case "UNFLAGGED" -> new HasFlag(Flag.FLAGGED, false);
            case "UNSEEN" -> new HasFlag(Flag.SEEN, false);
            case "RECENT" -> new Recent(true);
            case "OLD" -> new Recent(false);
            case "NEW" -> new And(List.of(new Recent(true), new HasFlag(Flag.SEEN, false)));
            case "KEYWORD" -> new Keyword(argument(r, true), true);
            case "UNKEYWORD" -> new Keyword(argument(r, true), false);
            case "LARGER" -> new Size(true, number(r));
            case "SMALLER" -> new Size(false, number(r));
            case "UID" -> {
                r.sp();
                yield new Numbers(r.sequenceSet(), true);
            }
            case "NOT" -> {
                r.sp();
                yield new Not(parse(r, depth + 1));
            }
            case "OR" -> {
                r.sp();
                SearchKey a = parse(r, depth + 1);
                r.sp();
                yield new Or(a, parse(r, depth + 1));
            }
            case "BEFORE" -> new DateKey(-1, date(r), false);
            case "ON" -> new DateKey(0, date(r), false);
            case "SINCE" -> new DateKey(1, date(r), false);
            case "SENTBEFORE" -> new DateKey(-1, date(r), true);
            case "SENTON" -> new DateKey(0, date(r), true);
            case "SENTSINCE" -> new DateKey(1, date(r), true);
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> new Header(name, argument(r, false));
            case "HEADER" -> {
                String field = argument(r, false);
                yield new Header(field, argument(r, false));
            }
            case "BODY" -> new Text(argument(r, false), false);
            case "TEXT" -> new Text(argument(r, false), true);
            default -> throw new ImapParseException("unknown search key " + name);
        };
    }

    private static String argument(ImapReader r, boolean atom) {
        r.sp();
        return atom ? r.atom() : r.astring();
    }

    private static long number(ImapReader r) {
        r.sp();
        return r.number();
    }

    private static LocalDate date(ImapReader r) {
        r.sp();
        String text = r.peek() == '"' ? r.string() : r.atom();
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new ImapParseException("invalid date " + text);
        }
    }
}
