package org.icewarp.storage;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A local domain.
 *
 * @param name the domain name, lower case
 * @param aliases other names of the same domain, lower case
 * @param options per-domain options
 */
public record Domain(String name, Set<String> aliases, Options options) {
    /** Validates, lower-cases and copies. */
    public Domain {
        name = EmailAddress.requireDomain(name);
        Set<String> a = new TreeSet<>();
        for (String alias : aliases) {
            a.add(EmailAddress.requireDomain(alias));
        }
        a.remove(name);
        aliases = java.util.Collections.unmodifiableSet(a);
        Objects.requireNonNull(options, "options");
    }

    /** A domain without aliases or options. */
    public static Domain of(String name) {
        return new Domain(name, Set.of(), Options.EMPTY);
    }
}
