package org.icewarp.protocols.imap;

import java.util.ArrayList;
import java.util.List;
import org.icewarp.storage.UidSet;

/**
 * A sequence set as the client wrote it (RFC 3501 section 9, {@code sequence-set}): ranges of numbers where {@code *}
 * stands for the largest number in use. Resolved against the selected mailbox either as message sequence numbers or as
 * UIDs.
 *
 * @param ranges pairs of bounds; {@link #STAR} for {@code *}
 */
record SequenceSet(List<long[]> ranges) {
    /** {@code *}. */
    static final long STAR = -1;

    SequenceSet {
        ranges = List.copyOf(ranges);
    }

    static SequenceSet parse(String text) {
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = bound(part);
                ranges.add(new long[] {n, n});
            } else {
                ranges.add(new long[] {bound(part.substring(0, colon)), bound(part.substring(colon + 1))});
            }
        }
        return new SequenceSet(ranges);
    }

    private static long bound(String s) {
        if (s.equals("*")) {
            return STAR;
        }
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ImapParseException("invalid sequence set");
        }
        long n = Long.parseLong(s);
        if (n < 1 || n > UidSet.MAX) {
            throw new ImapParseException("invalid sequence set");
        }
        return n;
    }

    /**
     * The UIDs of the messages with these sequence numbers, ascending.
     *
     * @throws ImapParseException when a number is above the message count (RFC 9051 section 9 "seq-number")
     */
    List<Long> bySequence(List<Long> uids) {
        int count = uids.size();
        boolean[] chosen = new boolean[count];
        for (long[] r : ranges) {
            long a = r[0] == STAR ? count : r[0];
            long b = r[1] == STAR ? count : r[1];
            if (count == 0 || a > count || b > count) {
                throw new ImapParseException("invalid message sequence number");
            }
            for (long i = Math.min(a, b); i <= Math.max(a, b); i++) {
                chosen[(int) i - 1] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (chosen[i]) {
                out.add(uids.get(i));
            }
        }
        return out;
    }

    /** The UIDs in the mailbox ({@code uids}, ascending) that this set names; absent UIDs are ignored. */
    List<Long> byUid(List<Long> uids) {
        long last = uids.isEmpty() ? 0 : uids.get(uids.size() - 1);
        List<Long> out = new ArrayList<>();
        for (long uid : uids) {
            for (long[] r : ranges) {
                long a = r[0] == STAR ? last : r[0];
                long b = r[1] == STAR ? last : r[1];
                if (uid >= Math.min(a, b) && uid <= Math.max(a, b)) {
                    out.add(uid);
                    break;
                }
            }
        }
        return out;
    }

    /** The messages chosen in either addressing mode. */
    List<Long> resolve(boolean uid, List<Long> uids) {
        return uid ? byUid(uids) : bySequence(uids);
    }
}
