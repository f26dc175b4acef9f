package org.icewarp.storage.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The line-based text format of account, group, domain and queue state files: UTF-8, one {@code key=value} per line,
 * keys may repeat (one line per alias or member), lines starting with {@code #} are comments. In values, backslash,
 * line feed and carriage return are written {@code \\}, {@code \n} and {@code \r}.
 */
final class KeyValueFile {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    KeyValueFile add(String key, Object value) {
        entries.add(Map.entry(key, String.valueOf(value)));
        return this;
    }

    /** The first value of {@code key}, or {@code def}. */
    String get(String key, String def) {
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(key)) {
                return e.getValue();
            }
        }
        return def;
    }

    /**
     * The first value of {@code key}.
     *
     * @throws IllegalArgumentException when it is missing
     */
    String require(String key) {
        String v = get(key, null);
        if (v == null) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        return v;
    }

    /** Every value of {@code key}, in file order. */
    List<String> all(String key) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(key)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Every entry whose key starts with {@code prefix}, with the prefix removed, in file order. */
    List<Map.Entry<String, String>> withPrefix(String prefix) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().startsWith(prefix)) {
                out.add(Map.entry(e.getKey().substring(prefix.length()), e.getValue()));
            }
        }
        return out;
    }

    byte[] toBytes(String comment) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(comment).append('\n');
        for (Map.Entry<String, String> e : entries) {
            sb.append(e.getKey()).append('=');
            String v = e.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a file's content.
     *
     * @throws IllegalArgumentException on a line without {@code =} or a bad escape
     */
    static KeyValueFile parse(byte[] content) {
        KeyValueFile f = new KeyValueFile();
        String text = new String(content, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + lineNo + " is not key=value");
            }
            StringBuilder v = new StringBuilder();
            for (int i = eq + 1; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c != '\\') {
                    v.append(c);
                    continue;
                }
                if (++i == line.length()) {
                    throw new IllegalArgumentException("line " + lineNo + " ends with a lone backslash");
                }
                switch (line.charAt(i)) {
                    case '\\' -> v.append('\\');
                    case 'n' -> v.append('\n');
                    case 'r' -> v.append('\r');
                    default -> throw new IllegalArgumentException("line " + lineNo + " has a bad escape");
                }
            }
            f.add(line.substring(0, eq), v.toString());
        }
        return f;
    }
}
