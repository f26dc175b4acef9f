package org.icewarp.protocols.smtp;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.icewarp.storage.AccountUsage;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.MailboxListener;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.SpecialUse;
import org.icewarp.storage.StorageUnavailableException;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;

/**
 * A mailbox store that delegates, except that the {@code failAppend}-th append (1-based; 0 for never) and, when asked,
 * every expunge fail with {@link StorageUnavailableException}. The failing append reads part of its stream first, as a
 * store whose disk fills up would.
 */
final class FailingMailboxStore implements MailboxStore {
    private final MailboxStore delegate;
    private final int failAppend;
    private final boolean failExpunge;
    private final AtomicInteger appends = new AtomicInteger();

    FailingMailboxStore(MailboxStore delegate, int failAppend, boolean failExpunge) {
        this.delegate = delegate;
        this.failAppend = failAppend;
        this.failExpunge = failExpunge;
    }

    int appends() {
        return appends.get();
    }

    @Override
    public AppendResult append(EmailAddress account, FolderName folder, InputStream content, AppendRequest request) {
        if (appends.incrementAndGet() == failAppend) {
            try {
                content.read(new byte[100]);
            } catch (java.io.IOException e) {
                throw new StorageUnavailableException("read failed", e);
            }
            throw new StorageUnavailableException("disk full while appending to " + account);
        }
        return delegate.append(account, folder, content, request);
    }

    @Override
    public List<Long> expunge(EmailAddress account, FolderName folder, UidSet uids) {
        if (failExpunge) {
            throw new StorageUnavailableException("expunge failed for " + account);
        }
        return delegate.expunge(account, folder, uids);
    }

    @Override
    public void createMailbox(EmailAddress account) {
        delegate.createMailbox(account);
    }

    @Override
    public void deleteMailbox(EmailAddress account) {
        delegate.deleteMailbox(account);
    }

    @Override
    public List<Folder> folders(EmailAddress account) {
        return delegate.folders(account);
    }

    @Override
    public Folder folder(EmailAddress account, FolderName name) {
        return delegate.folder(account, name);
    }

    @Override
    public Folder createFolder(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        return delegate.createFolder(account, name, specialUse);
    }

    @Override
    public void renameFolder(EmailAddress account, FolderName from, FolderName to) {
        delegate.renameFolder(account, from, to);
    }

    @Override
    public void deleteFolder(EmailAddress account, FolderName name) {
        delegate.deleteFolder(account, name);
    }

    @Override
    public void setSubscribed(EmailAddress account, FolderName name, boolean subscribed) {
        delegate.setSubscribed(account, name, subscribed);
    }

    @Override
    public void setSpecialUse(EmailAddress account, FolderName name, Set<SpecialUse> specialUse) {
        delegate.setSpecialUse(account, name, specialUse);
    }

    @Override
    public List<MessageMetadata> messages(EmailAddress account, FolderName folder, UidSet uids) {
        return delegate.messages(account, folder, uids);
    }

    @Override
    public InputStream open(EmailAddress account, FolderName folder, long uid) {
        return delegate.open(account, folder, uid);
    }

    @Override
    public InputStream open(EmailAddress account, FolderName folder, long uid, long offset, long length) {
        return delegate.open(account, folder, uid, offset, length);
    }

    @Override
    public List<MessageMetadata> updateFlags(EmailAddress account, FolderName folder, UidSet uids, FlagUpdate update) {
        return delegate.updateFlags(account, folder, uids, update);
    }

    @Override
    public UidMapping copy(EmailAddress account, FolderName from, UidSet uids, FolderName to, long quotaBytes) {
        return delegate.copy(account, from, uids, to, quotaBytes);
    }

    @Override
    public UidMapping move(EmailAddress account, FolderName from, UidSet uids, FolderName to) {
        return delegate.move(account, from, uids, to);
    }

    @Override
    public FolderStatus status(EmailAddress account, FolderName folder) {
        return delegate.status(account, folder);
    }

    @Override
    public long claimRecent(EmailAddress account, FolderName folder) {
        return delegate.claimRecent(account, folder);
    }

    @Override
    public AccountUsage usage(EmailAddress account) {
        return delegate.usage(account);
    }

    @Override
    public AccountUsage recount(EmailAddress account) {
        return delegate.recount(account);
    }

    @Override
    public Registration addListener(MailboxListener listener) {
        return delegate.addListener(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
