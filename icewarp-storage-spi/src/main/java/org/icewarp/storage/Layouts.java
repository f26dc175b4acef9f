package org.icewarp.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The stock {@link MailboxPathLayout}s. */
final class Layouts {
    private Layouts() {}

    static final MailboxPathLayout FLAT = new MailboxPathLayout() {
        @Override
        public List<String> segments(String alias) {
            return List.of(Names.requireSafeSegment("mailbox alias", alias));
        }

        @Override
        public String toString() {
            return "flat";
        }
    };

    record Alphabetical(int prefixLength, int groupLength) implements MailboxPathLayout {
        Alphabetical {
            if (prefixLength < 1 || prefixLength > 32) {
                throw new IllegalArgumentException("prefixLength must be 1 to 32, was " + prefixLength);
            }
            if (groupLength < 1 || groupLength > prefixLength) {
                throw new IllegalArgumentException(
                        "groupLength must be 1 to prefixLength (" + prefixLength + "), was " + groupLength);
            }
        }

        @Override
        public List<String> segments(String alias) {
            Names.requireSafeSegment("mailbox alias", alias);
            int[] cps = alias.codePoints().limit(prefixLength).toArray();
            List<String> out = new ArrayList<>(cps.length / groupLength + 2);
            StringBuilder group = new StringBuilder();
            for (int i = 0; i < cps.length; i++) {
                group.append(safe(cps[i]));
                if (group.length() == groupLength || i == cps.length - 1) {
                    out.add(group.toString());
                    group.setLength(0);
                }
            }
            out.add(alias);
            return List.copyOf(out);
        }

        private static char safe(int cp) {
            if (cp < 128) {
                char c = Character.toLowerCase((char) cp);
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                    return c;
                }
            }
            return '_';
        }

        @Override
        public String toString() {
            return "alphabetical(" + prefixLength + ", " + groupLength + ")";
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
