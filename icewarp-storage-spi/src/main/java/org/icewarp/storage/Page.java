package org.icewarp.storage;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the items, in the listing's order
 * @param nextAfter the key to pass as {@link PageRequest#after()} for the next page, or {@code ""} when this is the last
 */
public record Page<T>(List<T> items, String nextAfter) {
    /** Copies. */
    public Page {
        items = List.copyOf(items);
        java.util.Objects.requireNonNull(nextAfter, "nextAfter");
    }

    /** The request for the next page, if there is one. */
    public Optional<PageRequest> next(int limit) {
        return nextAfter.isEmpty() ? Optional.empty() : Optional.of(new PageRequest(nextAfter, limit));
    }
}
