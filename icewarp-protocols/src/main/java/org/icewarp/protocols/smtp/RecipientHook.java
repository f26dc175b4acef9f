package org.icewarp.protocols.smtp;

/**
 * A user extension that accepts, rejects or rewrites SMTP recipients. Implementations are found with {@link
 * java.util.ServiceLoader} (list them in {@code META-INF/services/org.icewarp.protocols.smtp.RecipientHook}; a public
 * no-argument constructor is needed) or handed to the SMTP service directly.
 *
 * <p><b>Call order.</b> For each {@code RCPT TO} the SMTP session has accepted syntactically, the hooks run in order
 * (the {@code ServiceLoader} order, or the order given) until one answers something other than {@link
 * RecipientVerdict.Continue}:
 *
 * <ul>
 *   <li>{@link RecipientVerdict.Accept} ends the chain and vouches for the recipient: a recipient that is not local
 *       is accepted without the relay rules (the hook authorises the relaying), and the declared {@code SIZE} is not
 *       held against a local mailbox's quota. A local recipient must still resolve to an account or group, since its
 *       mail needs a mailbox to go to; an unknown or disabled one is refused as usual.
 *   <li>{@link RecipientVerdict.Reject} and {@link RecipientVerdict.RejectTemporarily} end the chain with that reply.
 *   <li>{@link RecipientVerdict.Rewrite} replaces the recipient and runs the whole chain again, from the first hook,
 *       for the new recipient; only a bounded number of rewrites is applied per recipient, so hooks that rewrite each
 *       other's results cannot loop.
 *   <li>When every hook continues, the recipient (rewritten or not) goes through the normal checks: account-store
 *       resolution for local domains, relay rules for others.
 * </ul>
 *
 * <p><b>Threading.</b> {@link #check} is called on the server's blocking executor, never on an event loop, so it may
 * block (a database or an LDAP query); it is called concurrently for different sessions and must be thread-safe. One
 * session's calls never overlap.
 *
 * <p><b>Failures.</b> A {@link RuntimeException} thrown by {@link #check} (or a {@code null} verdict) does not reach
 * the client or the session: the recipient is rejected temporarily with {@code 451 4.3.0} and a warning naming the
 * hook class is logged.
 */
public interface RecipientHook {

    /**
     * Judges one recipient.
     *
     * @param check the session's facts and the recipient; never null
     * @return the verdict; never null
     */
    RecipientVerdict check(RecipientCheck check);
}
