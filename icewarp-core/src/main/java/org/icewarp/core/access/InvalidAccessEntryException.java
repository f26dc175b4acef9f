package org.icewarp.core.access;

import java.util.Objects;

/**
 * Thrown when an access list or a pattern definition holds an entry that cannot be understood: a malformed address,
 * wildcard, range or CIDR block, an empty or unknown {@code [Pattern]} reference, a cycle of patterns, or a pattern
 * item that is not an IP entry but is reached from an access list.
 *
 * <p>The message always quotes the offending entry exactly as it was written (after trimming the whitespace around
 * it), names the pattern it came from when there is one, and for a cycle shows the path, for example {@code [A] ->
 * [B] -> [A]}. The same text is available from {@link #entry()}.
 */
public class InvalidAccessEntryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The offending entry text as written. */
    private final String entry;

    /**
     * Creates an exception for one entry.
     *
     * @param entry the offending entry text as written; must not be null
     * @param message the complete message, which quotes {@code entry}
     */
    InvalidAccessEntryException(String entry, String message) {
        super(message);
        this.entry = Objects.requireNonNull(entry, "entry");
    }

    /**
     * Returns the offending entry text: an address entry, a pattern item, a {@code [Name]} reference, or a pattern
     * name.
     *
     * @return the entry exactly as written after trimming; never null
     */
    public String entry() {
        return entry;
    }
}
