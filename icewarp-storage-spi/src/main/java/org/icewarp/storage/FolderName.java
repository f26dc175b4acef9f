package org.icewarp.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A folder's full name, levels separated by {@link #DELIMITER}. {@code INBOX} is matched without regard to case and
 * always spelt {@code INBOX}. Every level passes {@link Names#requireSafeSegment}; at most {@link #MAX_DEPTH} levels.
 *
 * <p>Names reach storage decoded: the IMAP layer turns modified UTF-7 into Unicode before it builds a {@code
 * FolderName}, so an encoded separator that survives to here is an attack and is rejected.
 *
 * @param value the validated name
 */
public record FolderName(String value) implements Comparable<FolderName> {
    /** The hierarchy delimiter. */
    public static final char DELIMITER = '/';
    /** The deepest hierarchy accepted. */
    public static final int MAX_DEPTH = 32;
    /** The inbox. */
    public static final FolderName INBOX = new FolderName("INBOX");

    /**
     * Validates.
     *
     * @throws InvalidNameException naming the value and the rule it breaks
     */
    public FolderName {
        if (value == null || value.isEmpty()) {
            throw new InvalidNameException("folder name must not be empty");
        }
        List<String> levels = split(value);
        if (levels.size() > MAX_DEPTH) {
            throw new InvalidNameException("folder name has more than " + MAX_DEPTH + " levels");
        }
        for (String level : levels) {
            Names.requireSafeSegment("folder name level", level);
        }
        if (levels.get(0).equalsIgnoreCase("INBOX")) {
            levels.set(0, "INBOX");
            value = String.join(String.valueOf(DELIMITER), levels);
        }
    }

    /** Parses and validates a full name. */
    public static FolderName of(String value) {
        return new FolderName(value);
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == DELIMITER) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** The levels, outermost first. */
    public List<String> levels() {
        return List.copyOf(split(value));
    }

    /** The parent, or {@code null} for a top-level folder. */
    public FolderName parent() {
        int i = value.lastIndexOf(DELIMITER);
        return i < 0 ? null : new FolderName(value.substring(0, i));
    }

    /** Whether this is {@code other} or one of its descendants. */
    public boolean isWithin(FolderName other) {
        return value.equals(other.value) || value.startsWith(other.value + DELIMITER);
    }

    /** This name with the prefix {@code from} replaced by {@code to} (for renaming a subtree). */
    public FolderName rebase(FolderName from, FolderName to) {
        if (!isWithin(from)) {
            throw new IllegalArgumentException(value + " is not within " + from.value);
        }
        return new FolderName(to.value + value.substring(from.value.length()));
    }

    /** Whether this is the inbox. */
    public boolean isInbox() {
        return value.equals("INBOX");
    }

    @Override
    public int compareTo(FolderName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
