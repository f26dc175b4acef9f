package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The named patterns of the server ("Advanced – Patterns"): named lists of items that other settings reference as
 * {@code [Name]}.
 *
 * <p>An item is any non-blank text; it may hold several entries separated by {@code ';'}. Items may be IP entries,
 * e-mail, domain or account masks (used by other features), or {@code [Other]} references to further patterns, nested
 * to any depth. This class checks only what every use shares: the names, the references and the absence of cycles. It
 * does not check that items are IP entries; {@link AddressSet#parse(String, Patterns)} does that for the patterns an
 * access list actually reaches.
 *
 * <p>Names are case-insensitive: {@code [firewall]} refers to the pattern defined as {@code Firewall}. A name must not
 * be blank, must not start or end with whitespace and must not hold {@code '['}, {@code ']'} or {@code ';'}.
 *
 * <p>Instances are immutable and thread-safe. Two instances are equal when they define the same names, spelt the same
 * way, with the same items in the same order.
 */
public final class Patterns {

    private static final Patterns EMPTY = new Patterns(new TreeMap<>());

    /** Definitions by lower-case name, sorted. */
    private final Map<String, Definition> definitions;

    /** The names as defined, in case-insensitive order. */
    private final Set<String> names;

    private Patterns(TreeMap<String, Definition> definitions) {
        this.definitions = Collections.unmodifiableMap(definitions);
        Set<String> definedNames = new LinkedHashSet<>();
        definitions.values().forEach(definition -> definedNames.add(definition.name()));
        this.names = Collections.unmodifiableSet(definedNames);
    }

    /**
     * Returns the instance with no patterns.
     *
     * @return the empty patterns; never null
     */
    public static Patterns empty() {
        return EMPTY;
    }

    /**
     * Validates and copies pattern definitions.
     *
     * @param definitions items by pattern name; neither the map nor any key, list or item may be null
     * @return the patterns; never null
     * @throws NullPointerException if the map or any key, list or item is null
     * @throws InvalidAccessEntryException if a name is malformed, two names differ only by case, an item is blank, a
     *     reference is empty ({@code []}) or names no defined pattern, or patterns refer to each other in a cycle
     *     (the message then shows the path, for example {@code [A] -> [B] -> [A]})
     */
    public static Patterns of(Map<String, List<String>> definitions) {
        Objects.requireNonNull(definitions, "definitions");
        TreeMap<String, Definition> byKey = new TreeMap<>();
        definitions.forEach((name, items) -> {
            Objects.requireNonNull(name, "pattern name");
            Objects.requireNonNull(items, () -> "items of pattern " + name);
            checkName(name);
            List<String> copy = List.copyOf(items);
            Definition previous = byKey.put(key(name), new Definition(name, copy));
            if (previous != null) {
                throw new InvalidAccessEntryException(
                        name,
                        "Pattern names [" + previous.name() + "] and [" + name + "] differ only by case; names are"
                                + " case-insensitive");
            }
        });
        Map<String, List<Reference>> references = new HashMap<>();
        for (Definition definition : byKey.values()) {
            references.put(key(definition.name()), referencesOf(definition, byKey));
        }
        new CycleCheck(byKey, references).run();
        return byKey.isEmpty() ? EMPTY : new Patterns(byKey);
    }

    /**
     * Returns the items of a pattern.
     *
     * @param name the pattern name, in any case; must not be null
     * @return the items as defined, unmodifiable, or empty if there is no such pattern
     */
    public Optional<List<String>> items(String name) {
        Objects.requireNonNull(name, "name");
        Definition definition = definitions.get(key(name));
        return definition == null ? Optional.empty() : Optional.of(definition.items());
    }

    /**
     * Returns the pattern names as they were defined.
     *
     * @return the names in case-insensitive alphabetical order, unmodifiable; never null
     */
    public Set<String> names() {
        return names;
    }

    /** The definition for {@code name} in any case, or null. */
    Definition definition(String name) {
        return definitions.get(key(name));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Patterns patterns && definitions.equals(patterns.definitions);
    }

    @Override
    public int hashCode() {
        return definitions.hashCode();
    }

    @Override
    public String toString() {
        return "Patterns" + names;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void checkName(String name) {
        String problem = null;
        if (name.isBlank()) {
            problem = "is blank";
        } else if (!name.strip().equals(name)) {
            problem = "starts or ends with whitespace";
        } else if (name.indexOf('[') >= 0 || name.indexOf(']') >= 0 || name.indexOf(';') >= 0) {
            problem = "holds '[', ']' or ';'";
        }
        if (problem != null) {
            throw new InvalidAccessEntryException(name, "Invalid pattern name '" + name + "': the name " + problem);
        }
    }

    private static List<Reference> referencesOf(Definition definition, Map<String, Definition> byKey) {
        String context = " in pattern [" + definition.name() + "]";
        List<Reference> references = new ArrayList<>();
        for (String item : definition.items()) {
            Objects.requireNonNull(item, () -> "item of pattern " + definition.name());
            if (item.isBlank()) {
                throw new InvalidAccessEntryException(
                        item, "Invalid pattern item '" + item + "'" + context + ": the item is blank");
            }
            for (String segment : Segments.split(item)) {
                Optional<String> target = Segments.referencedName(segment, () -> context);
                if (target.isPresent()) {
                    if (!byKey.containsKey(key(target.get()))) {
                        throw new InvalidAccessEntryException(
                                segment,
                                "Invalid pattern reference '" + segment + "'" + context + ": there is no pattern named "
                                        + target.get());
                    }
                    references.add(new Reference(key(target.get()), segment));
                }
            }
        }
        return references;
    }

    /** One pattern as defined. */
    record Definition(String name, List<String> items) {}

    /** A {@code [Name]} reference inside a pattern: the target's key and the text as written. */
    record Reference(String targetKey, String text) {}
}
