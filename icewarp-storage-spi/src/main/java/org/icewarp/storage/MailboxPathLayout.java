package org.icewarp.storage;

import java.util.List;

/**
 * Where an account's mailbox lives below a domain's mail directory, as path segments. The stock layouts are the
 * seed's: {@link #flat()} ({@code john}) and {@link #alphabetical(int, int)} ({@code jo/hn/john}).
 *
 * <p>The input is a local part that passed {@link Names#requireSafeSegment}; every segment returned is safe too. The
 * layout must be a function of the alias only, so that servers sharing a mail path agree.
 */
public interface MailboxPathLayout {

    /** The segments for a mailbox alias (local part), outermost first; the last is the alias itself. */
    List<String> segments(String alias);

    /** Every mailbox directly under the domain's directory. */
    static MailboxPathLayout flat() {
        return Layouts.FLAT;
    }

    /**
     * The seed's "Use mailbox path alphabetical sorting": the first {@code prefixLength} characters of the alias, cut
     * into groups of {@code groupLength}, become directories above the mailbox. {@code john} with 4 and 2 gives
     * {@code jo/hn/john}; {@code alexander} with 6 and 3 gives {@code ale/xan/alexander}; {@code mike1} with 6 and 2
     * gives {@code mi/ke/1/mike1}. An alias shorter than the prefix uses what it has ({@code mike} with 6 and 2 gives
     * {@code mi/ke/mike}). Letters are lower-cased in the prefix directories (never in the mailbox name), so the path
     * is the same on case-insensitive file systems; characters outside {@code [a-z0-9_-]} are replaced by {@code _}
     * in the prefix directories, so a prefix directory is never a dot segment or a reserved name.
     *
     * @param prefixLength characters taken from the alias, 1 to 32
     * @param groupLength characters per directory, 1 to {@code prefixLength}
     * @throws IllegalArgumentException naming the parameter when out of range
     */
    static MailboxPathLayout alphabetical(int prefixLength, int groupLength) {
        return new Layouts.Alphabetical(prefixLength, groupLength);
    }
}
