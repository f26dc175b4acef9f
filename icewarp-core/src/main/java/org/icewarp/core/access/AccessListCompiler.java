package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Expands the {@code [Pattern]} references of an access list and feeds every entry to an {@link AddressSetBuilder}.
 *
 * <p>Each pattern is expanded once per list, however often and however deeply it is referenced, so a lattice of
 * patterns that refer to each other many times costs no more than the patterns themselves. The entry count still
 * counts every reference, as if the list had been written out in full. {@link Patterns} has already ruled out cycles
 * and unknown references inside patterns. Expansion keeps its own stack, so deep nesting cannot overflow the thread's
 * stack, and the pattern path for an error message is only built when there is an error.
 */
final class AccessListCompiler {

    private final Patterns patterns;
    private final AddressSetBuilder builder = new AddressSetBuilder();

    /** Entry count of each pattern expanded so far, by key. */
    private final Map<String, Long> expandedCounts = new HashMap<>();

    /** The patterns being expanded, outermost first. */
    private final List<Frame> path = new ArrayList<>();

    private AccessListCompiler(Patterns patterns) {
        this.patterns = patterns;
    }

    static AddressSet compile(String source, Patterns patterns) {
        AccessListCompiler compiler = new AccessListCompiler(patterns);
        long count = 0;
        for (String segment : Segments.split(source)) {
            Optional<String> name = Segments.referencedName(segment, () -> "");
            if (name.isPresent()) {
                Patterns.Definition definition = patterns.definition(name.get());
                if (definition == null) {
                    throw new InvalidAccessEntryException(
                            segment, "Invalid access entry '" + segment + "': there is no pattern named " + name.get());
                }
                count += compiler.expand(definition);
            } else {
                compiler.builder.add(EntryParser.parse(segment, () -> ""));
                count++;
            }
        }
        int entryCount = (int) Math.min(count, Integer.MAX_VALUE);
        return new AddressSet(source, entryCount, compiler.builder.ipv4(), compiler.builder.ipv6());
    }

    /** Adds the entries of a pattern and of the patterns it reaches, each once; returns how many entries it means. */
    private long expand(Patterns.Definition root) {
        Long known = expandedCounts.get(Patterns.key(root.name()));
        if (known != null) {
            return known;
        }
        Supplier<String> context = this::context;
        path.add(new Frame(root));
        while (true) {
            Frame frame = path.get(path.size() - 1);
            if (frame.next < frame.segments.size()) {
                String segment = frame.segments.get(frame.next++);
                Optional<String> name = Segments.referencedName(segment, context);
                if (name.isPresent()) {
                    Patterns.Definition target = patterns.definition(name.get());
                    Long targetCount = expandedCounts.get(Patterns.key(target.name()));
                    if (targetCount != null) {
                        frame.count += targetCount;
                    } else {
                        path.add(new Frame(target));
                    }
                } else {
                    builder.add(EntryParser.parse(segment, context));
                    frame.count++;
                }
            } else {
                path.remove(path.size() - 1);
                long count = Math.min(frame.count, Integer.MAX_VALUE);
                expandedCounts.put(Patterns.key(frame.definition.name()), count);
                if (path.isEmpty()) {
                    return count;
                }
                path.get(path.size() - 1).count += count;
            }
        }
    }

    /** Where the current entry came from, for a message: the innermost pattern and, if nested, the whole path. */
    private String context() {
        String innermost = "[" + path.get(path.size() - 1).definition.name() + "]";
        if (path.size() == 1) {
            return " in pattern " + innermost;
        }
        List<String> names = path.stream().map(frame -> frame.definition.name()).toList();
        return " in pattern " + innermost + " (reached through " + PatternPath.show(names) + ")";
    }

    /** A pattern being expanded: its entries, how many have been read, and the entry count so far. */
    private static final class Frame {
        final Patterns.Definition definition;
        final List<String> segments = new ArrayList<>();
        int next;
        long count;

        Frame(Patterns.Definition definition) {
            this.definition = definition;
            for (String item : definition.items()) {
                segments.addAll(Segments.split(item));
            }
        }
    }
}
