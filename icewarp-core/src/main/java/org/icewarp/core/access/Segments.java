package org.icewarp.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The list syntax shared by access lists and pattern items: entries separated by {@code ';'}, whitespace around each
 * entry ignored, empty entries skipped, and {@code [Name]} as a reference to a pattern.
 */
final class Segments {

    private Segments() {}

    /** Splits {@code text} at {@code ';'} into trimmed, non-empty entries, in order. */
    static List<String> split(String text) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(';', start);
            if (end < 0) {
                end = text.length();
            }
            String segment = text.substring(start, end).strip();
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
            start = end + 1;
        }
        return segments;
    }

    /**
     * Returns the pattern name if {@code segment} is a {@code [Name]} reference. The name inside the brackets is
     * trimmed.
     *
     * @param segment a trimmed entry
     * @param context where the entry came from, asked for only on error (see {@link EntryParser#parse(String,
     *     Supplier)})
     * @throws InvalidAccessEntryException for {@code []} or a name that holds a bracket
     */
    static Optional<String> referencedName(String segment, Supplier<String> context) {
        if (segment.length() < 2 || segment.charAt(0) != '[' || segment.charAt(segment.length() - 1) != ']') {
            return Optional.empty();
        }
        String name = segment.substring(1, segment.length() - 1).strip();
        if (name.isEmpty()) {
            throw new InvalidAccessEntryException(
                    segment,
                    "Invalid pattern reference '" + segment + "'" + context.get() + ": the pattern name is empty");
        }
        if (name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
            throw new InvalidAccessEntryException(
                    segment,
                    "Invalid pattern reference '" + segment + "'" + context.get()
                            + ": a pattern name cannot hold '[' or ']'");
        }
        return Optional.of(name);
    }
}
