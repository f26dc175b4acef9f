package org.icewarp.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * The messages of every account, in folders. Designed for IMAP (UIDs, UIDVALIDITY, flags, counts, change
 * notifications) and for SMTP delivery (durable append from a stream).
 *
 * <p>Guarantees every implementation proves by passing the contract suite:
 *
 * <ul>
 *   <li>An append that returned survives a crash of the process at any later instant; a crash during an append leaves
 *       no trace of it (at most an orphan temporary file that the next open removes).
 *   <li>UIDs strictly ascend per folder and are never reused under one UIDVALIDITY, across restarts too.
 *   <li>Names never escape the store ({@link FolderName} and {@link EmailAddress} validate; implementations map them
 *       to storage without interpreting them).
 *   <li>Concurrent callers on one folder see a consistent view; counts ({@link #status}, {@link #usage}) are kept
 *       current without scanning.
 * </ul>
 *
 * <p>An account's mailbox is created by {@link #createMailbox}, with its INBOX. Mailboxes are keyed by the account's
 * primary address with the local part folded to lower case ({@link EmailAddress#folded()}), so that file-based stores
 * behave the same on case-insensitive file systems.
 * All methods are thread-safe and may block (call them from the kernel's blocking executor, never an event loop).
 */
public interface MailboxStore extends AutoCloseable {

    /** Creates the account's mailbox with its INBOX; does nothing if it exists. */
    void createMailbox(EmailAddress account);

    /**
     * Deletes the account's mailbox with every folder and message.
     *
     * @throws NotFoundException when it has none
     */
    void deleteMailbox(EmailAddress account);

    /**
     * The account's folders in name order.
     *
     * @throws NotFoundException when the account has no mailbox
     */
    List<Folder> folders(EmailAddress account);

    /**
     * One folder.
     *
     * @throws NotFoundException when it does not exist
     */
    Folder folder(EmailAddress account, FolderName name);

    /**
     * Creates a folder, and its missing parents, with a new UIDVALIDITY.
     *
     * @throws AlreadyExistsException when it exists
     * @throws NotFoundException when the account has no mailbox
     */
    Folder createFolder(EmailAddress account, FolderName name, Set<SpecialUse> specialUse);

    /**
     * Renames a folder with its children, keeping UIDs and UIDVALIDITY, and creates the missing parents of {@code to}
     * as {@link #createFolder} does. Listeners hear {@link MailboxEvent.FolderChanged} {@code CREATED} for each parent
     * created (outermost first), then {@code RENAMED} for {@code from}.
     *
     * <p>Renaming INBOX moves its messages to a new folder {@code to} (with a new UIDVALIDITY and missing parents
     * created) and leaves INBOX empty, its UIDs not reused (RFC 9051 section 6.3.6). INBOX itself is not renamed, so
     * listeners hear no {@code RENAMED}: they hear {@code CREATED} for each parent created and for {@code to}, then
     * {@link MailboxEvent.MessagesExpunged} for INBOX with the UIDs that left it (none when it was empty), so that a
     * session with INBOX selected learns its messages are gone. {@link MailboxEvent.MessageAdded} events for
     * {@code to} may or may not be sent.
     *
     * @throws NotFoundException when {@code from} does not exist
     * @throws AlreadyExistsException when {@code to} (or a child's new name) exists
     * @throws InvalidNameException when {@code to} is within {@code from}
     */
    void renameFolder(EmailAddress account, FolderName from, FolderName to);

    /**
     * Deletes a folder and its messages.
     *
     * @throws NotFoundException when it does not exist
     * @throws ConflictException when it is INBOX or has children
     */
    void deleteFolder(EmailAddress account, FolderName name);

    /** Subscribes to or unsubscribes from a folder. */
    void setSubscribed(EmailAddress account, FolderName name, boolean subscribed);

    /** Replaces a folder's special-use attributes. */
    void setSpecialUse(EmailAddress account, FolderName name, Set<SpecialUse> specialUse);

    /**
     * Appends a message read from {@code content} to the end; durable when it returns. The stream is read to its end
     * and not closed. The message is not held in memory whole.
     *
     * @throws NotFoundException when the folder does not exist
     * @throws QuotaExceededException when the account's quota would be exceeded; nothing is stored
     * @throws StorageUnavailableException when reading the stream or writing fails; nothing is stored
     */
    AppendResult append(EmailAddress account, FolderName folder, InputStream content, AppendRequest request);

    /** The metadata of the messages whose UIDs are in {@code uids}, ascending. */
    List<MessageMetadata> messages(EmailAddress account, FolderName folder, UidSet uids);

    /**
     * A message's content. The caller closes the stream.
     *
     * @throws NotFoundException when there is no such message (expunged meanwhile)
     */
    InputStream open(EmailAddress account, FolderName folder, long uid);

    /**
     * Part of a message's content: {@code length} bytes from {@code offset} (fewer at the end). The caller closes it.
     *
     * @throws NotFoundException when there is no such message
     */
    InputStream open(EmailAddress account, FolderName folder, long uid, long offset, long length);

    /**
     * Changes flags of the messages in {@code uids} (absent UIDs are ignored).
     *
     * @return the changed messages' new metadata
     */
    List<MessageMetadata> updateFlags(EmailAddress account, FolderName folder, UidSet uids, FlagUpdate update);

    /**
     * Removes the messages in {@code uids} that have {@code \Deleted} (IMAP EXPUNGE with {@link UidSet#ALL}, UID
     * EXPUNGE with a set).
     *
     * @return the expunged UIDs, ascending
     */
    List<Long> expunge(EmailAddress account, FolderName folder, UidSet uids);

    /**
     * Copies messages to another folder (absent UIDs are ignored), new UIDs ascending in source order.
     *
     * @throws QuotaExceededException when the copies would exceed {@code quotaBytes} (0 for none); nothing is copied
     */
    UidMapping copy(EmailAddress account, FolderName from, UidSet uids, FolderName to, long quotaBytes);

    /** Moves messages to another folder: a copy and an expunge of the originals, atomic to observers. */
    UidMapping move(EmailAddress account, FolderName from, UidSet uids, FolderName to);

    /** A folder's counters. */
    FolderStatus status(EmailAddress account, FolderName folder);

    /**
     * Claims the messages that are recent ({@code \Recent} in IMAP4rev1): returns the first recent UID and makes every
     * message up to now not recent for later claims.
     */
    long claimRecent(EmailAddress account, FolderName folder);

    /** The account's totals. */
    AccountUsage usage(EmailAddress account);

    /**
     * Rebuilds the account's counters (and, for stores where that is possible, adopts messages copied into the storage
     * by hand), as the seed's directory cache "Run Now" does.
     *
     * @return the totals after the recount
     */
    AccountUsage recount(EmailAddress account);

    /**
     * Creates a folder with the UIDVALIDITY it has in another store, for storage migration (so that IMAP clients need
     * not resynchronise). Missing parents are created as {@link #createFolder} creates them.
     *
     * <p>Idempotent, so that an interrupted migration can run again: when the folder exists with this UIDVALIDITY it is
     * returned unchanged; when it exists with another UIDVALIDITY but is empty and never held a message (UIDNEXT 1,
     * typically the INBOX {@link #createMailbox} made) its UIDVALIDITY becomes {@code uidValidity}.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a store that cannot import cannot be the target of
     * a migration.
     *
     * @throws ConflictException when the folder exists with another UIDVALIDITY and has or had messages
     * @throws NotFoundException when the account has no mailbox
     * @throws IllegalArgumentException when {@code uidValidity} is outside 1..{@link UidSet#MAX}
     */
    default Folder importFolder(EmailAddress account, FolderName name, long uidValidity, Set<SpecialUse> specialUse) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot import folders");
    }

    /**
     * Appends a message under the UID it has in another store, for storage migration; otherwise as {@link #append}
     * (durable when it returns, streamed, quota checked, listeners told). UIDNEXT becomes {@code uid + 1}.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @throws ConflictException when {@code uid} is below the folder's UIDNEXT (already imported, or used)
     * @throws IllegalArgumentException when {@code uid} is outside 1..{@link UidSet#MAX}
     */
    default AppendResult importMessage(
            EmailAddress account, FolderName folder, long uid, InputStream content, AppendRequest request) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot import messages");
    }

    /**
     * Raises the folder's UIDNEXT to at least {@code uidNext}, for storage migration: the UIDs of messages expunged at
     * the source stay unused at the target. Does nothing when UIDNEXT is already that high. Durable when it returns.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @throws IllegalArgumentException when {@code uidNext} is outside 1..{@link UidSet#MAX}+1
     */
    default void reserveUids(EmailAddress account, FolderName folder, long uidNext) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot reserve UIDs");
    }

    /** Registers a listener for committed changes. */
    Registration addListener(MailboxListener listener);

    /** Releases resources. */
    @Override
    void close();

    /** A listener registration. */
    interface Registration extends AutoCloseable {
        /** Removes the listener. Idempotent. */
        @Override
        void close();
    }
}
