package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Expands the {@code [Pattern]} references of an access list and feeds every entry to an {@link AddressSetBuilder}.
 *
 * <p>Each pattern is expanded once per list, however often and however deeply it is referenced, so a lattice of
 * patterns that refer to each other many times costs no more than the patterns themselves. The entry count still
 * counts every reference, as if the list had been written out in full. {@link Patterns} has already ruled out cycles
 * and unknown references inside patterns.
 */
final class AccessListCompiler {

    private final Patterns patterns;
    private final AddressSetBuilder builder = new AddressSetBuilder();

    /** Entry count of each pattern expanded so far, by key. */
    private final Map<String, Long> expandedCounts = new HashMap<>();

    /** The patterns being expanded, outermost first, for messages. */
    private final List<String> path = new ArrayList<>();

    private AccessListCompiler(Patterns patterns) {
        this.patterns = patterns;
    }

    static AddressSet compile(String source, Patterns patterns) {
        AccessListCompiler compiler = new AccessListCompiler(patterns);
        long count = 0;
        for (String segment : Segments.split(source)) {
            Optional<String> name = Segments.referencedName(segment, "");
            if (name.isPresent()) {
                Patterns.Definition definition = patterns.definition(name.get());
                if (definition == null) {
                    throw new InvalidAccessEntryException(
                            segment, "Invalid access entry '" + segment + "': there is no pattern named " + name.get());
                }
                count += compiler.expand(definition);
            } else {
                compiler.builder.add(EntryParser.parse(segment, ""));
                count++;
            }
        }
        int entryCount = (int) Math.min(count, Integer.MAX_VALUE);
        return new AddressSet(source, entryCount, compiler.builder.ipv4(), compiler.builder.ipv6());
    }

    /** Adds the entries of one pattern, once, and returns how many entries it stands for. */
    private long expand(Patterns.Definition definition) {
        String key = Patterns.key(definition.name());
        Long known = expandedCounts.get(key);
        if (known != null) {
            return known;
        }
        path.add("[" + definition.name() + "]");
        String context = path.size() == 1
                ? " in pattern " + path.get(0)
                : " in pattern " + path.get(path.size() - 1) + " (reached through "
                        + path.stream().collect(Collectors.joining(" -> ")) + ")";
        long count = 0;
        for (String item : definition.items()) {
            for (String segment : Segments.split(item)) {
                Optional<String> name = Segments.referencedName(segment, context);
                if (name.isPresent()) {
                    count += expand(patterns.definition(name.get()));
                } else {
                    builder.add(EntryParser.parse(segment, context));
                    count++;
                }
            }
        }
        path.remove(path.size() - 1);
        count = Math.min(count, Integer.MAX_VALUE);
        expandedCounts.put(key, count);
        return count;
    }
}
