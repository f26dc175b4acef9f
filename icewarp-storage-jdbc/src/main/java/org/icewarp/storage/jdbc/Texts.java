package org.icewarp.storage.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists of strings in one text column: one item per line, each item prefixed with {@code :} (so that an empty item
 * differs from no item) and with {@code %}, CR and LF escaped. Used for small, always-read-together lists (credentials,
 * domain options, group members) where a child table would only add joins.
 */
final class Texts {
    private Texts() {}

    static String encode(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(':');
            for (int i = 0; i < item.length(); i++) {
                char c = item.charAt(i);
                switch (c) {
                    case '%' -> sb.append("%25");
                    case '\n' -> sb.append("%0A");
                    case '\r' -> sb.append("%0D");
                    default -> sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    static List<String> decode(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith(":")) {
                throw new IllegalStateException("corrupt list item in the database: '" + line + "'");
            }
            StringBuilder sb = new StringBuilder(line.length());
            for (int i = 1; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '%' && i + 2 < line.length()) {
                    sb.append((char) Integer.parseInt(line.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    sb.append(c);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
