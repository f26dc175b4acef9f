package org.icewarp.storage;

import java.util.Objects;

/**
 * One page of a listing, by key: the items after {@code after} in the listing's order, at most {@code limit}.
 *
 * @param after the last key of the previous page, or {@code ""} for the first page
 * @param limit the most items to return, 1 to 10,000
 */
public record PageRequest(String after, int limit) {
    /** Validates. */
    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000, was " + limit);
        }
    }

    /** The first page. */
    public static PageRequest first(int limit) {
        return new PageRequest("", limit);
    }
}
