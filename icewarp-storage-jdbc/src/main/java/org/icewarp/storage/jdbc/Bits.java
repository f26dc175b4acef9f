package org.icewarp.storage.jdbc;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.icewarp.storage.DsnNotify;
import org.icewarp.storage.Flag;
import org.icewarp.storage.Flags;
import org.icewarp.storage.SpecialUse;

/**
 * Enum sets as bit masks (bit = ordinal) for integer columns, and keywords as one space-separated column (IMAP
 * keywords cannot contain a space). The enums' order is therefore part of the schema: append, never reorder.
 */
final class Bits {
    private Bits() {}

    static <E extends Enum<E>> int mask(Set<E> set) {
        int m = 0;
        for (E e : set) {
            m |= 1 << e.ordinal();
        }
        return m;
    }

    static <E extends Enum<E>> Set<E> set(Class<E> type, int mask) {
        EnumSet<E> out = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((mask & (1 << e.ordinal())) != 0) {
                out.add(e);
            }
        }
        return out;
    }

    static int flags(Flags flags) {
        return mask(flags.system());
    }

    static String keywords(Flags flags) {
        return String.join(" ", flags.keywords());
    }

    static Flags flags(int mask, String keywords) {
        Set<String> k = keywords.isEmpty() ? Collections.emptySet() : new TreeSet<>(Arrays.asList(keywords.split(" ")));
        return new Flags(set(Flag.class, mask), k);
    }

    static Set<SpecialUse> specialUse(int mask) {
        return set(SpecialUse.class, mask);
    }

    static Set<DsnNotify> notify(int mask) {
        return set(DsnNotify.class, mask);
    }
}
