package org.icewarp.storage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A message's system flags and keywords. Keywords are IMAP atoms: 1 to 100 printable ASCII characters without
 * {@code ( ) { % * " \ ]} or space.
 *
 * @param system the system flags
 * @param keywords the keywords
 */
public record Flags(Set<Flag> system, Set<String> keywords) {
    /** No flags. */
    public static final Flags NONE = new Flags(Set.of(), Set.of());

    /** Validates and copies. */
    public Flags {
        system = system.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Flag.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(system));
        Set<String> k = new TreeSet<>();
        for (String keyword : keywords) {
            k.add(requireKeyword(keyword));
        }
        keywords = Collections.unmodifiableSet(k);
    }

    /** System flags only. */
    public static Flags of(Flag... flags) {
        return new Flags(Set.of(flags), Set.of());
    }

    private static String requireKeyword(String k) {
        if (k == null || k.isEmpty() || k.length() > 100) {
            throw new IllegalArgumentException("keyword must be 1 to 100 characters");
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new IllegalArgumentException("keyword '" + k + "' contains a character IMAP does not allow");
            }
        }
        return k;
    }

    /** Whether a system flag is set. */
    public boolean has(Flag flag) {
        return system.contains(flag);
    }

    /** These flags with {@code other}'s added. */
    public Flags plus(Flags other) {
        Set<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        s.addAll(other.system);
        Set<String> k = new TreeSet<>(keywords);
        k.addAll(other.keywords);
        return new Flags(s, k);
    }

    /** These flags without {@code other}'s. */
    public Flags minus(Flags other) {
        Set<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        s.removeAll(other.system);
        Set<String> k = new TreeSet<>(keywords);
        k.removeAll(other.keywords);
        return new Flags(s, k);
    }
}
