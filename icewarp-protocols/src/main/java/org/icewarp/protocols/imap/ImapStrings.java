package org.icewarp.protocols.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icewarp.storage.Flag;
import org.icewarp.storage.Flags;

/** How values are written in responses (RFC 3501 section 4): strings, flag lists, NIL. */
final class ImapStrings {
    private ImapStrings() {}

    /** A string as a quoted string, or as a literal when it holds CR, LF, NUL or non-ASCII characters. */
    static String string(String s) {
        if (s == null) {
            return "NIL";
        }
        boolean quotable = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0x7e) {
                quotable = false;
                break;
            }
        }
        if (!quotable) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return "{" + b.length + "}\r\n" + s;
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** The flag list of a message, {@code \Recent} added when it is recent to this session. */
    static String flags(Flags flags, boolean recent) {
        List<String> out = new ArrayList<>();
        for (Flag f : flags.system()) {
            out.add(name(f));
        }
        if (recent) {
            out.add("\\Recent");
        }
        out.addAll(flags.keywords());
        return "(" + String.join(" ", out) + ")";
    }

    /** {@code \Seen} for {@link Flag#SEEN}, and so on. */
    static String name(Flag flag) {
        String n = flag.name().toLowerCase(Locale.ROOT);
        return "\\" + Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /**
     * Flags as a client names them. {@code \Recent} is dropped (it cannot be set, RFC 3501 section 2.3.2).
     *
     * @throws ImapParseException for an unknown system flag or a keyword the store cannot hold
     */
    static Flags parseFlags(List<String> names) {
        java.util.Set<Flag> system = java.util.EnumSet.noneOf(Flag.class);
        java.util.Set<String> keywords = new java.util.TreeSet<>();
        for (String n : names) {
            if (n.startsWith("\\")) {
                String s = n.substring(1).toUpperCase(Locale.ROOT);
                if (s.equals("RECENT")) {
                    continue;
                }
                try {
                    system.add(Flag.valueOf(s));
                } catch (IllegalArgumentException e) {
                    throw new ImapParseException("unknown flag " + n);
                }
            } else {
                keywords.add(n);
            }
        }
        try {
            return new Flags(system, keywords);
        } catch (IllegalArgumentException e) {
            throw new ImapParseException(e.getMessage());
        }
    }
}
