package org.icewarp.storage;

/** RFC 6154 special-use attributes of a folder. */
public enum SpecialUse {
    /** {@code \All} */
    ALL,
    /** {@code \Archive} */
    ARCHIVE,
    /** {@code \Drafts} */
    DRAFTS,
    /** {@code \Flagged} */
    FLAGGED,
    /** {@code \Junk} */
    JUNK,
    /** {@code \Sent} */
    SENT,
    /** {@code \Trash} */
    TRASH
}
