package org.icewarp.storage.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.FolderStatus;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.UidSet;

/**
 * Brings one folder of the target up to the source.
 *
 * <p>Implementation note: the target's UIDNEXT is the resume point. Every message below it was copied by an earlier
 * run (imports are durable and go in ascending UID order), so below it only flags are compared and messages the source
 * has expunged since are removed; from it on, every source message is imported under its UID. Finally UIDNEXT is
 * raised to the source's, so UIDs expunged at the source stay unused. Metadata is read a window at a time from both
 * sides ({@link UidWindows}) and the scan stops once both sides' messages have all been seen, so that a sparse tail of
 * UIDs costs nothing.
 */
final class FolderCopier {
    private final MailboxStore from;
    private final MailboxStore to;
    private final int pageSize;
    private final Progress progress;

    FolderCopier(MailboxStore from, MailboxStore to, int pageSize, Progress progress) {
        this.from = from;
        this.to = to;
        this.pageSize = pageSize;
        this.progress = progress;
    }

    void copy(EmailAddress account, Folder source) {
        FolderName name = source.name();
        progress.current(account + "/" + name);
        FolderStatus src =
                step(account, name, 0, "reading the source folder's status", () -> from.status(account, name));
        Folder target = step(
                account,
                name,
                0,
                "importing the folder",
                () -> to.importFolder(account, name, source.uidValidity(), source.specialUse()));
        step(account, name, 0, "setting the folder's attributes", () -> {
            if (!target.specialUse().equals(source.specialUse())) {
                to.setSpecialUse(account, name, source.specialUse());
            }
            if (target.subscribed() != source.subscribed()) {
                to.setSubscribed(account, name, source.subscribed());
            }
            return null;
        });
        FolderStatus dst = step(account, name, 0, "reading the target folder's status", () -> to.status(account, name));
        long resumeAt = dst.uidNext();
        long sourceLeft = src.messages();
        long targetLeft = dst.messages();
        UidWindows windows = new UidWindows(1, src.uidNext() - 1, pageSize);
        while (windows.hasNext() && (sourceLeft > 0 || targetLeft > 0)) {
            UidSet window = windows.next();
            List<MessageMetadata> s = step(
                    account, name, 0, "listing source messages " + window, () -> from.messages(account, name, window));
            List<MessageMetadata> d = window.first() < resumeAt
                    ? step(
                            account,
                            name,
                            0,
                            "listing target messages " + window,
                            () -> to.messages(account, name, window))
                    : List.of();
            windows.observed(Math.max(s.size(), d.size()));
            sourceLeft -= s.size();
            targetLeft -= d.size();
            merge(account, name, resumeAt, s, d);
        }
        step(account, name, 0, "reserving UIDs below " + src.uidNext(), () -> {
            to.reserveUids(account, name, src.uidNext());
            return null;
        });
    }

    private void merge(
            EmailAddress account, FolderName name, long resumeAt, List<MessageMetadata> s, List<MessageMetadata> d) {
        List<Long> gone = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < s.size() || j < d.size()) {
            MessageMetadata a = i < s.size() ? s.get(i) : null;
            MessageMetadata b = j < d.size() ? d.get(j) : null;
            if (a != null && b != null && a.uid() == b.uid()) {
                if (!a.flags().equals(b.flags())) {
                    step(
                            account,
                            name,
                            a.uid(),
                            "updating flags",
                            () -> to.updateFlags(
                                    account,
                                    name,
                                    UidSet.of(a.uid()),
                                    new FlagUpdate(FlagUpdate.Mode.REPLACE, a.flags())));
                    progress.flagsUpdated++;
                }
                i++;
                j++;
            } else if (b == null || (a != null && a.uid() < b.uid())) {
                if (a.uid() >= resumeAt) {
                    importOne(account, name, a);
                } else {
                    progress.warn("account " + account + ", folder '" + name + "', UID " + a.uid()
                            + ": missing at the target below its UIDNEXT " + resumeAt + ", so it cannot be copied");
                }
                i++;
            } else {
                gone.add(b.uid());
                j++;
            }
        }
        if (!gone.isEmpty()) {
            UidSet set = UidSet.of(gone);
            step(account, name, gone.get(0), "removing messages the source expunged", () -> {
                to.updateFlags(account, name, set, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flag.DELETED)));
                return to.expunge(account, name, set);
            });
            progress.messagesRemoved += gone.size();
        }
    }

    private void importOne(EmailAddress account, FolderName name, MessageMetadata m) {
        if (Thread.currentThread().isInterrupted()) {
            throw MigrationException.of(
                    account, name, m.uid(), "copying", new InterruptedException("the migration was interrupted"));
        }
        InputStream in;
        try {
            in = from.open(account, name, m.uid());
        } catch (NotFoundException e) {
            progress.warn("account " + account + ", folder '" + name + "', UID " + m.uid()
                    + ": expunged at the source while being copied; not copied");
            return;
        } catch (RuntimeException e) {
            throw MigrationException.of(account, name, m.uid(), "opening the source message", e);
        }
        AppendResult r;
        try (in) {
            r = to.importMessage(account, name, m.uid(), in, new AppendRequest(m.flags(), m.internalDate(), 0));
        } catch (IOException e) {
            throw MigrationException.of(account, name, m.uid(), "copying the message", new UncheckedIOException(e));
        } catch (UnsupportedOperationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw MigrationException.of(account, name, m.uid(), "copying the message", e);
        }
        progress.copied(r.size());
    }

    private static <T> T step(EmailAddress account, FolderName folder, long uid, String what, Step<T> step) {
        try {
            return step.run();
        } catch (MigrationException | UnsupportedOperationException e) {
            // a target that cannot import fails as a whole, not at one folder
            throw e;
        } catch (RuntimeException e) {
            throw MigrationException.of(account, folder, uid, what, e);
        }
    }

    private interface Step<T> {
        T run();
    }
}
