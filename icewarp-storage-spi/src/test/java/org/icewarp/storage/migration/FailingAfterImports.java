package org.icewarp.storage.migration;

import java.io.InputStream;
import java.util.Set;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageUnavailableException;

/** A target that imports {@code allowed} messages and then fails the way a lost database connection would. */
final class FailingAfterImports extends ForwardingMailboxStore {
    private int left;

    FailingAfterImports(MailboxStore delegate, int allowed) {
        super(delegate);
        this.left = allowed;
    }

    @Override
    public Folder importFolder(EmailAddress account, FolderName name, long uidValidity, Set<SpecialUse> specialUse) {
        return delegate.importFolder(account, name, uidValidity, specialUse);
    }

    @Override
    public AppendResult importMessage(
            EmailAddress account, FolderName folder, long uid, InputStream content, AppendRequest request) {
        if (left-- <= 0) {
            throw new StorageUnavailableException("connection to the target lost");
        }
        return delegate.importMessage(account, folder, uid, content, request);
    }

    @Override
    public void reserveUids(EmailAddress account, FolderName folder, long uidNext) {
        delegate.reserveUids(account, folder, uidNext);
    }
}
