package org.icewarp.storage.migration;

import java.util.Objects;

/**
 * A text field with characters that are not valid in UTF-8 text (see {@link StorageMigration.Builder#repairText}
 * for the rule), found while copying.
 *
 * @param object what the field belongs to, for example {@code account john@example.com} or {@code domain example.com}
 * @param field the field, for example {@code fullName} or {@code option signature}
 * @param before the value in the source
 * @param after the value with the invalid characters removed
 * @param applied whether the copy got {@code after} (repair on) or {@code before} (repair off: only reported)
 */
public record TextRepair(String object, String field, String before, String after, boolean applied) {
    /** Validates. */
    public TextRepair {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /**
     * One line for people: the values quoted, every removed or unprintable character written as {@code \}{@code
     * uXXXX} so that a terminal shows what was there.
     */
    @Override
    public String toString() {
        return object + ": " + field + " \"" + TextRules.escape(before) + "\" -> \"" + TextRules.escape(after) + "\""
                + (applied ? " (repaired)" : " (not repaired)");
    }
}
