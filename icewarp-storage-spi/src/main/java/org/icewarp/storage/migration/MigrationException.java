package org.icewarp.storage.migration;

import java.util.Optional;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.StorageException;

/**
 * A migration step failed. The message and the accessors name what was being copied (domain, account, folder, UID);
 * the cause is the store's own failure. Everything copied before the failure stays copied, and running the migration
 * again resumes from there.
 */
public final class MigrationException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final transient EmailAddress account;
    private final transient FolderName folder;
    private final long uid;

    MigrationException(String message, EmailAddress account, FolderName folder, long uid, Throwable cause) {
        super(message, cause);
        this.account = account;
        this.folder = folder;
        this.uid = uid;
    }

    static MigrationException of(String what, Throwable cause) {
        return new MigrationException(what + " failed: " + describe(cause), null, null, 0, cause);
    }

    static MigrationException of(EmailAddress account, FolderName folder, long uid, String what, Throwable cause) {
        StringBuilder where =
                new StringBuilder(what).append(" failed for account ").append(account);
        if (folder != null) {
            where.append(", folder '").append(folder).append('\'');
        }
        if (uid > 0) {
            where.append(", UID ").append(uid);
        }
        return new MigrationException(where + ": " + describe(cause), account, folder, uid, cause);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** The account being copied, if the failure concerns one. */
    public Optional<EmailAddress> account() {
        return Optional.ofNullable(account);
    }

    /** The folder being copied, if the failure concerns one. */
    public Optional<FolderName> folder() {
        return Optional.ofNullable(folder);
    }

    /** The UID of the message being copied, or 0 when the failure concerns no single message. */
    public long uid() {
        return uid;
    }
}
