package org.icewarp.protocols.pop3;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.MailboxStore;

/**
 * One POP3 session per maildrop (RFC 1939 section 8: an exclusive-access lock). In-process: keyed by the mailbox
 * store instance and the account, shared by every POP3 service instance of the JVM that uses the same store, so a
 * second session gets {@code -ERR [IN-USE]} whether it comes through port 110 or 995. A lock is released when its
 * session closes, however it ends. Not a cluster-wide lock.
 */
final class MaildropLocks {
    private record Key(MailboxStore store, String account) {}

    private static final Set<Key> HELD = ConcurrentHashMap.newKeySet();

    private MaildropLocks() {}

    /** Takes the lock; false when another session holds it. */
    static boolean tryLock(MailboxStore store, EmailAddress account) {
        return HELD.add(key(store, account));
    }

    static void unlock(MailboxStore store, EmailAddress account) {
        HELD.remove(key(store, account));
    }

    private static Key key(MailboxStore store, EmailAddress account) {
        return new Key(store, account.toString().toLowerCase(Locale.ROOT));
    }
}
