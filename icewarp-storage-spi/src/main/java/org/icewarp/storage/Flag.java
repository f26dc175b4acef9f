package org.icewarp.storage;

/** The IMAP system flags a store keeps ({@code \Recent} is not stored: see {@link MailboxStore#claimRecent}). */
public enum Flag {
    /** {@code \Seen} */
    SEEN,
    /** {@code \Answered} */
    ANSWERED,
    /** {@code \Flagged} */
    FLAGGED,
    /** {@code \Deleted} */
    DELETED,
    /** {@code \Draft} */
    DRAFT
}
