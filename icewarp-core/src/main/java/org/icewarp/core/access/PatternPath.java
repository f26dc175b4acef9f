package org.icewarp.core.access;

import java.util.List;

/**
 * Shows a path of patterns in a message, such as {@code [A] -> [B] -> [A]}. A path longer than {@value #SHOWN_AT_ENDS}
 * patterns at each end is shortened in the middle, so that a cycle through thousands of patterns still gives a
 * message a person can read.
 */
final class PatternPath {

    static final int SHOWN_AT_ENDS = 5;

    private PatternPath() {}

    /** Joins pattern names, each shown as {@code [Name]}, with {@code " -> "}. */
    static String show(List<String> names) {
        StringBuilder text = new StringBuilder();
        int size = names.size();
        boolean shorten = size > 2 * SHOWN_AT_ENDS + 1;
        for (int i = 0; i < size; i++) {
            if (shorten && i == SHOWN_AT_ENDS) {
                int omitted = size - 2 * SHOWN_AT_ENDS;
                text.append(" -> ... ").append(omitted).append(" more ...");
                i = size - SHOWN_AT_ENDS - 1;
                continue;
            }
            if (i > 0) {
                text.append(" -> ");
            }
            text.append('[').append(names.get(i)).append(']');
        }
        return text.toString();
    }
}
