package org.icewarp.storage;

import java.util.List;

/** A committed change in a mailbox, announced to {@link MailboxListener}s so other sessions see it. */
public sealed interface MailboxEvent {
    /** The account whose mailbox changed. */
    EmailAddress account();

    /** The folder that changed. */
    FolderName folder();

    /** A message arrived (append, copy, move). */
    record MessageAdded(EmailAddress account, FolderName folder, long uidValidity, long uid) implements MailboxEvent {}

    /** Flags of messages changed. */
    record FlagsChanged(EmailAddress account, FolderName folder, List<MessageMetadata> messages)
            implements MailboxEvent {
        /** Copies. */
        public FlagsChanged {
            messages = List.copyOf(messages);
        }
    }

    /** Messages were expunged, moved away, or left INBOX because it was renamed ({@link MailboxStore#renameFolder}). */
    record MessagesExpunged(EmailAddress account, FolderName folder, List<Long> uids) implements MailboxEvent {
        /** Copies. */
        public MessagesExpunged {
            uids = List.copyOf(uids);
        }
    }

    /**
     * A folder was created, deleted or renamed ({@code newName} is set for a rename only). Folders created as missing
     * parents (by {@link MailboxStore#createFolder} or {@link MailboxStore#renameFolder}) are announced too, outermost
     * first. Renaming INBOX is announced as the creation of the new folder plus {@link MessagesExpunged} for INBOX,
     * never as {@code RENAMED}, since INBOX stays.
     */
    record FolderChanged(EmailAddress account, FolderName folder, Kind kind, FolderName newName)
            implements MailboxEvent {
        /** What happened to the folder. */
        public enum Kind {
            /** Created. */
            CREATED,
            /** Deleted. */
            DELETED,
            /** Renamed to {@code newName}. */
            RENAMED
        }
    }
}
