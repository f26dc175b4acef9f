package org.icewarp.samples.server.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which log type letter a service's activity log is written under.
 *
 * <p>The standard table: the console's letters, and letters chosen here for the services it gives none:
 *
 * <table>
 *   <caption>Service name to letter</caption>
 *   <tr><th>service</th><th>letter</th><th>origin</th></tr>
 *   <tr><td>smtp, submission</td><td>s</td><td>console</td></tr>
 *   <tr><td>pop3</td><td>p</td><td>console</td></tr>
 *   <tr><td>imap</td><td>m</td><td>console</td></tr>
 *   <tr><td>control, http</td><td>c</td><td>console</td></tr>
 *   <tr><td>ftp</td><td>f</td><td>console</td></tr>
 *   <tr><td>groupware</td><td>g</td><td>console</td></tr>
 *   <tr><td>im</td><td>i</td><td>console</td></tr>
 *   <tr><td>daytime</td><td>d</td><td>reference server</td></tr>
 *   <tr><td>ldap</td><td>l</td><td>reference server</td></tr>
 *   <tr><td>socks</td><td>k</td><td>reference server</td></tr>
 *   <tr><td>minger</td><td>n</td><td>reference server</td></tr>
 * </table>
 *
 * <p>A name not in the table is looked up again without its last {@code -suffix}, so a second instance named
 * {@code smtp-relay} shares SMTP's letter; a name still unknown gets the fallback letter. Entries given in the
 * configuration ({@code name=letter, ...}) are added to the table and win over it.
 *
 * <p>Immutable.
 */
final class ServiceLetters {
    private static final Pattern ENTRY = Pattern.compile("\\s*([a-z][a-z0-9-]*)\\s*=\\s*([a-z])\\s*");

    private final Map<String, Character> table;
    private final char fallback;

    private ServiceLetters(Map<String, Character> table, char fallback) {
        this.table = Collections.unmodifiableMap(table);
        this.fallback = fallback;
    }

    /** The standard table, with {@code fallback} for unknown services. */
    static ServiceLetters standard(char fallback) {
        LogFileName.requireLetter("the unknown service letter", fallback);
        Map<String, Character> t = new LinkedHashMap<>();
        t.put("smtp", 's');
        t.put("submission", 's');
        t.put("pop3", 'p');
        t.put("imap", 'm');
        t.put("control", 'c');
        t.put("http", 'c');
        t.put("ftp", 'f');
        t.put("groupware", 'g');
        t.put("im", 'i');
        t.put("daytime", 'd');
        t.put("ldap", 'l');
        t.put("socks", 'k');
        t.put("minger", 'n');
        return new ServiceLetters(t, fallback);
    }

    /**
     * This table with entries added or replaced.
     *
     * @param entries {@code name=letter} pairs separated by commas, for example {@code "smtp-relay=r, webdav=w"};
     *     blank for none
     * @throws IllegalArgumentException naming the entry that is not {@code name=letter}
     */
    ServiceLetters with(String entries) {
        Map<String, Character> t = new LinkedHashMap<>(table);
        if (!entries.isBlank()) {
            for (String entry : entries.split(",")) {
                Matcher m = ENTRY.matcher(entry);
                if (!m.matches()) {
                    throw new IllegalArgumentException("letters entry '" + entry.trim()
                            + "' is not name=letter (a service name, '=', one letter a to z)");
                }
                t.put(m.group(1), m.group(2).charAt(0));
            }
        }
        return new ServiceLetters(t, fallback);
    }

    /** The letter of a service's activity log. */
    char letterFor(String service) {
        String name = service;
        while (true) {
            Character letter = table.get(name);
            if (letter != null) {
                return letter;
            }
            int dash = name.lastIndexOf('-');
            if (dash <= 0) {
                return fallback;
            }
            name = name.substring(0, dash);
        }
    }

    /** The table, service name to letter. */
    Map<String, Character> table() {
        return table;
    }

    /** The letter of services the table does not know. */
    char fallback() {
        return fallback;
    }
}
