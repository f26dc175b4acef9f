package org.icewarp.storage;

/**
 * A folder's counters, kept current by the store without scanning (the seed's directory cache).
 *
 * @param messages messages in the folder
 * @param unseen messages without {@code \Seen}
 * @param recent messages not yet claimed by {@link MailboxStore#claimRecent}
 * @param size total bytes
 * @param uidNext the UID the next message will get
 * @param uidValidity the folder's UIDVALIDITY
 */
public record FolderStatus(long messages, long unseen, long recent, long size, long uidNext, long uidValidity) {}
