package org.icewarp.core.tls.destinations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the text form of secure destinations, one rule per line or entry:
 *
 * <pre>
 * rule   = host-pattern *( WSP key "=" value )
 * key    = "subject" / "issuer" / "fingerprint"        ; case-insensitive, each at most once
 * value  = quoted / 1*non-WSP
 * quoted = DQUOTE *( char / "\" DQUOTE / "\\" ) DQUOTE  ; for names with spaces
 * </pre>
 *
 * <p>Blank lines and lines starting with {@code #} are skipped. A host pattern may appear only once.
 */
final class RuleParser {
    private static final Set<String> KEYS = Set.of("subject", "issuer", "fingerprint");

    private RuleParser() {}

    /** Parses entries; {@code label} is "line" or "entry", and entry {@code i} is numbered {@code i + 1}. */
    static List<SecureDestination> parse(List<String> entries, String label) {
        List<SecureDestination> rules = new ArrayList<>();
        Map<HostPattern, String> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String location = label + " " + (i + 1);
            String text = entries.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            SecureDestination rule = parseOne(text, location);
            String earlier = seen.putIfAbsent(rule.host(), location);
            if (earlier != null) {
                throw new DestinationSyntaxException(
                        location, "host pattern '" + rule.host() + "' already has a rule (" + earlier + ")", null);
            }
            rules.add(rule);
        }
        return rules;
    }

    private static SecureDestination parseOne(String text, String location) {
        List<String> tokens = tokens(text, location);
        SecureDestination.Builder b;
        try {
            b = SecureDestination.forHost(tokens.get(0));
        } catch (IllegalArgumentException e) {
            throw new DestinationSyntaxException(location, e.getMessage(), e);
        }
        Set<String> given = new HashSet<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new DestinationSyntaxException(
                        location, "expected key=value after the host pattern, found '" + token + "'", null);
            }
            String key = token.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = unquote(token.substring(eq + 1));
            if (!KEYS.contains(key)) {
                throw new DestinationSyntaxException(
                        location, "unknown key '" + token.substring(0, eq) + "' (subject, issuer, fingerprint)", null);
            }
            if (!given.add(key)) {
                throw new DestinationSyntaxException(location, "'" + key + "' is given twice", null);
            }
            try {
                switch (key) {
                    case "subject" -> b.subject(value);
                    case "issuer" -> b.issuer(value);
                    default -> b.fingerprint(value);
                }
            } catch (IllegalArgumentException e) {
                throw new DestinationSyntaxException(location, e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** Splits at whitespace outside quotes; a token keeps its quotes for {@link #unquote(String)}. */
    private static List<String> tokens(String text, String location) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (!quoted && Character.isWhitespace(c)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new DestinationSyntaxException(location, "a quoted value is not closed", null);
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Quotes a value for {@link #parse}: always, escaping quotes and backslashes. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
