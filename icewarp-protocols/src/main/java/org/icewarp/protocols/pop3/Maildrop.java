package org.icewarp.protocols.pop3;

import java.util.ArrayList;
import java.util.List;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.MessageMetadata;

/**
 * The message list of one session, fixed at login (RFC 1939 section 4: messages arriving later are not seen until the
 * next session), with the deletion marks. Message numbers are 1-based positions in the list. Used on the event loop
 * only.
 */
final class Maildrop {
    private final EmailAddress account;
    private final long uidValidity;
    private final long[] uids;
    private final long[] sizes;
    private final boolean[] deleted;
    private int deletedCount;
    private long deletedSize;
    private long totalSize;

    Maildrop(EmailAddress account, long uidValidity, List<MessageMetadata> messages) {
        this.account = account;
        this.uidValidity = uidValidity;
        int n = messages.size();
        this.uids = new long[n];
        this.sizes = new long[n];
        this.deleted = new boolean[n];
        for (int i = 0; i < n; i++) {
            uids[i] = messages.get(i).uid();
            sizes[i] = messages.get(i).size();
            totalSize += sizes[i];
        }
    }

    EmailAddress account() {
        return account;
    }

    /** Messages in the list, deleted ones included (the highest message number). */
    int size() {
        return uids.length;
    }

    /** Messages not marked deleted. */
    int count() {
        return uids.length - deletedCount;
    }

    /** Octets of the messages not marked deleted. */
    long octets() {
        return totalSize - deletedSize;
    }

    /** Whether {@code n} is a message number of the list that is not marked deleted. */
    boolean exists(int n) {
        return n >= 1 && n <= uids.length && !deleted[n - 1];
    }

    boolean isDeleted(int n) {
        return deleted[n - 1];
    }

    long uid(int n) {
        return uids[n - 1];
    }

    long octets(int n) {
        return sizes[n - 1];
    }

    /**
     * The unique-id of message {@code n}: {@code <uidvalidity>.<uid>} of the INBOX. Stable while the folder keeps its
     * UIDVALIDITY, across sessions, restarts and protocols, and within RFC 1939's 0x21–0x7E, 70 octets.
     */
    String uniqueId(int n) {
        return uidValidity + "." + uids[n - 1];
    }

    void delete(int n) {
        deleted[n - 1] = true;
        deletedCount++;
        deletedSize += sizes[n - 1];
    }

    /** RSET: every mark removed. */
    void undeleteAll() {
        java.util.Arrays.fill(deleted, false);
        deletedCount = 0;
        deletedSize = 0;
    }

    /** The UIDs marked deleted, ascending. */
    List<Long> deletedUids() {
        List<Long> out = new ArrayList<>(deletedCount);
        for (int i = 0; i < uids.length; i++) {
            if (deleted[i]) {
                out.add(uids[i]);
            }
        }
        return out;
    }

    /** "n messages (m octets)" for the replies. */
    String describe() {
        return count() + " messages (" + octets() + " octets)";
    }
}
