package org.icewarp.storage.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.AppendResult;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Flag;
import org.icewarp.storage.FlagUpdate;
import org.icewarp.storage.Flags;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxEvent;
import org.icewarp.storage.MessageMetadata;
import org.icewarp.storage.StorageUnavailableException;
import org.icewarp.storage.UidMapping;
import org.icewarp.storage.UidSet;
import org.icewarp.storage.fs.IndexRecord.Added;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operations that add and remove message files: append, copy, move, expunge, and a recount's adoption. */
final class MessageOps {
    private static final Logger LOG = LoggerFactory.getLogger(MessageOps.class);

    private final String serverId;
    private final WriteArea area;
    private final Consumer<MailboxEvent> events;

    MessageOps(String serverId, WriteArea area, Consumer<MailboxEvent> events) {
        this.serverId = serverId;
        this.area = area;
        this.events = events;
    }

    /**
     * Adds a message under the next UID ({@code fixedUid} 0) or under {@code fixedUid}: either a finished, fsynced
     * temporary file renamed into the folder, or (when {@code inline} is not null) bytes made durable inside the
     * folder's journal, which gives them their own file later.
     */
    AppendResult append(
            Mailbox mb,
            FolderName folder,
            long fixedUid,
            Path temp,
            byte[] inline,
            long size,
            AppendRequest request,
            FolderState.Announcement announced) {
        try {
            mb.totals.reserve(size, request.quotaBytes(), mb.account.toString());
        } catch (RuntimeException e) {
            announced.written();
            throw e;
        }
        AppendResult result;
        try {
            result = mb.read("append to " + folder, () -> {
                FolderState s = mb.folder(folder);
                FolderState.Written<AppendResult> w;
                try {
                    w = s.write((idx, b) -> {
                        long uid;
                        if (fixedUid == 0) {
                            uid = nextUid(idx.uidNext());
                        } else if (fixedUid < idx.uidNext()) {
                            throw new ConflictException("cannot import UID " + fixedUid + " into " + folder + " of "
                                    + mb.account + ": UIDNEXT is " + idx.uidNext());
                        } else {
                            uid = fixedUid;
                        }
                        String file = FileNames.messageFile(serverId, uid);
                        Added added = new Added(uid, size, request.internalDate(), request.flags(), file);
                        if (inline != null) {
                            // a leftover of a crashed append with this UID must not pass for this message's file
                            Files.deleteIfExists(s.dir().resolve(file));
                            b.add(new IndexRecord.AddedInline(added, inline, 0, -1));
                        } else {
                            Durable.move(temp, s.dir().resolve(file));
                            b.directoryChanged = true;
                            b.add(added);
                        }
                        return new AppendResult(uid, idx.uidValidity(), uid + 1, size);
                    });
                } finally {
                    announced.written();
                }
                s.awaitDurable(w.seq());
                return w.result();
            });
        } finally {
            mb.totals.release(size);
        }
        events.accept(new MailboxEvent.MessageAdded(mb.account, folder, result.uidValidity(), result.uid()));
        return result;
    }

    private static long nextUid(long uid) {
        if (uid > UidSet.MAX) {
            throw new StorageUnavailableException("the folder has used every UID; it must be recreated");
        }
        return uid;
    }

    /** Removes messages in {@code uids} (only those with {@code \Deleted} when {@code onlyDeleted}); then their files. */
    List<Long> expunge(FolderState s, UidSet uids, boolean onlyDeleted) throws IOException {
        FolderState.Written<List<Added>> w = s.write((idx, b) -> {
            List<Added> gone = select(idx, uids, onlyDeleted);
            if (!gone.isEmpty()) {
                b.add(new IndexRecord.Expunged(
                        gone.stream().mapToLong(Added::uid).toArray()));
            }
            return gone;
        });
        s.awaitDurable(w.seq());
        removeFiles(s, w.result());
        return w.result().stream().map(Added::uid).toList();
    }

    /** Applies a flag update to the messages in {@code uids}; returns the changed ones' new metadata. */
    List<MessageMetadata> updateFlags(FolderState s, UidSet uids, FlagUpdate update) throws IOException {
        FolderState.Written<List<MessageMetadata>> w = s.write((idx, b) -> {
            Map<Long, Flags> m = new LinkedHashMap<>();
            List<MessageMetadata> out = new ArrayList<>();
            for (Added a : select(idx, uids, false)) {
                Flags nf = update.apply(a.flags());
                if (!nf.equals(a.flags())) {
                    m.put(a.uid(), nf);
                    out.add(new MessageMetadata(a.uid(), a.size(), a.internalDate(), nf));
                }
            }
            if (!m.isEmpty()) {
                b.add(new IndexRecord.FlagsSet(m));
            }
            return out;
        });
        s.awaitDurable(w.seq());
        return w.result();
    }

    private static List<Added> select(FolderIndex idx, UidSet uids, boolean onlyDeleted) {
        List<Added> out = new ArrayList<>();
        for (long[] r : uids.ranges()) {
            for (Added a : idx.messages().subMap(r[0], true, r[1], true).values()) {
                if (!onlyDeleted || a.flags().has(Flag.DELETED)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static void removeFiles(FolderState s, List<Added> gone) {
        for (Added a : gone) {
            try {
                Files.deleteIfExists(s.dir().resolve(a.file()));
            } catch (IOException e) {
                // the index no longer names it; a recount will notice the stray file
                LOG.warn("could not remove expunged message file {}: {}", a.file(), e.toString());
            }
        }
    }

    /**
     * Copies (hard links, or copies where links are not possible) messages into {@code to} under new UIDs; for a move,
     * expunges the originals while both folders are locked, so observers see one change.
     */
    UidMapping copy(Mailbox mb, FolderName from, UidSet uids, FolderName to, long quota, boolean move)
            throws IOException {
        FolderState src = mb.folder(from);
        FolderState dst = mb.folder(to);
        FolderState first = from.compareTo(to) <= 0 ? src : dst;
        FolderState second = first == src ? dst : src;
        long reserved = 0;
        FolderState.Written<UidMapping> copied;
        FolderState.Written<List<Added>> removed = null;
        first.lock();
        second.lock();
        try {
            Map<Long, FolderIndex.PackRef> packed = new HashMap<>();
            List<Added> items = src.read(idx -> {
                List<Added> sel = select(idx, uids, false);
                for (Added a : sel) {
                    FolderIndex.PackRef ref = idx.packed().get(a.uid());
                    if (ref != null) {
                        packed.put(a.uid(), ref);
                    }
                }
                return sel;
            });
            if (!move) {
                reserved = items.stream().mapToLong(Added::size).sum();
                mb.totals.reserve(reserved, quota, mb.account.toString());
            }
            copied = dst.write((idx, b) -> link(src, dst, items, packed, idx, b));
            if (move) {
                // the copies are durable before the originals' expunge can be: a crash leaves the message in both
                // folders at worst, never in neither
                dst.awaitDurable(copied.seq());
                Set<Long> done = copied.result().uids().keySet();
                List<Added> gone =
                        items.stream().filter(a -> done.contains(a.uid())).toList();
                removed = src.write((idx, b) -> {
                    if (!gone.isEmpty()) {
                        b.add(new IndexRecord.Expunged(
                                gone.stream().mapToLong(Added::uid).toArray()));
                    }
                    return gone;
                });
            }
        } finally {
            second.unlock();
            first.unlock();
            mb.totals.release(reserved);
        }
        dst.awaitDurable(copied.seq());
        if (removed != null) {
            src.awaitDurable(removed.seq());
            removeFiles(src, removed.result());
        }
        UidMapping mapping = copied.result();
        EmailAddress account = mb.account;
        mapping.uids()
                .values()
                .forEach(uid -> events.accept(
                        new MailboxEvent.MessageAdded(account, to, mapping.destinationUidValidity(), uid)));
        if (removed != null && !removed.result().isEmpty()) {
            events.accept(new MailboxEvent.MessagesExpunged(
                    account, from, removed.result().stream().map(Added::uid).toList()));
        }
        return mapping;
    }

    private UidMapping link(
            FolderState src,
            FolderState dst,
            List<Added> items,
            Map<Long, FolderIndex.PackRef> packed,
            FolderIndex idx,
            FolderState.Batch b)
            throws IOException {
        Map<Long, Long> map = new LinkedHashMap<>();
        long next = idx.uidNext();
        for (Added a : items) {
            long uid = nextUid(next);
            String file = FileNames.messageFile(serverId, uid);
            Added copy = new Added(uid, a.size(), a.internalDate(), a.flags(), file);
            FolderIndex.PackRef ref = packed.get(a.uid());
            byte[] bytes = null;
            if (ref != null) {
                try {
                    bytes = src.packedBytes(ref, a.size());
                } catch (NoSuchFileException e) {
                    // the source's journal forgot them meanwhile: its file is durable, link that
                }
            }
            if (bytes != null) {
                // the source's bytes are only in its journal: the copy is made durable in the destination's
                Files.deleteIfExists(dst.dir().resolve(file)); // a leftover of a crashed append
                b.add(new IndexRecord.AddedInline(copy, bytes, 0, -1));
            } else if (place(src.dir().resolve(a.file()), dst.dir().resolve(file))) {
                b.directoryChanged = true;
                b.add(copy);
            } else {
                continue; // expunged meanwhile
            }
            next++;
            map.put(a.uid(), uid);
        }
        return new UidMapping(idx.uidValidity(), map);
    }

    /** Links or copies {@code source} to {@code target}; false when the source is gone. */
    private boolean place(Path source, Path target) throws IOException {
        Files.deleteIfExists(target); // a leftover of a crashed append with this name
        try {
            Files.createLink(target, source);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            throw new IOException("cannot link " + target, e);
        } catch (FileSystemException e) {
            // no hard links here (another file system, link limit): copy durably instead
        }
        Path temp = area.newTempFile("copy");
        try (var in = Files.newInputStream(source)) {
            Durable.copy(in, temp);
            Durable.move(temp, target);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A recount's work on one folder: forgets index entries whose files were removed by hand, deletes files of
     * appends that crashed before their UID was journalled, and gives every other unknown file a new UID.
     */
    void adopt(FolderState s, EmailAddress account, FolderName folder) throws IOException {
        FolderState.Written<List<Long>> w = s.write((idx, b) -> {
            Set<String> known = new HashSet<>();
            List<Long> missing = new ArrayList<>();
            for (Added a : idx.messages().values()) {
                known.add(a.file());
                // a message whose bytes are still in the journal has no durable file yet, and is not missing
                if (!idx.packed().containsKey(a.uid()) && !Files.exists(s.dir().resolve(a.file()))) {
                    missing.add(a.uid());
                }
            }
            if (!missing.isEmpty()) {
                b.add(new IndexRecord.Expunged(
                        missing.stream().mapToLong(Long::longValue).toArray()));
            }
            List<Path> strangers = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(s.dir())) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".") || n.startsWith(FileNames.FOLDER_MARK) || known.contains(n)) {
                        continue;
                    }
                    if (!Files.isRegularFile(p)) {
                        continue;
                    }
                    if (FileNames.uidOf(n) >= idx.uidNext()) {
                        Files.delete(p); // an append that died before its UID was journalled: never acknowledged
                        b.directoryChanged = true;
                    } else {
                        strangers.add(p);
                    }
                }
            }
            strangers.sort(null);
            List<Long> adopted = new ArrayList<>();
            long next = idx.uidNext();
            for (Path p : strangers) {
                long uid = nextUid(next++);
                String file = FileNames.messageFile(serverId, uid);
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                Durable.move(p, s.dir().resolve(file));
                b.directoryChanged = true;
                b.add(new Added(uid, attrs.size(), attrs.lastModifiedTime().toInstant(), Flags.NONE, file));
                adopted.add(uid);
            }
            if (!strangers.isEmpty() || !missing.isEmpty()) {
                LOG.info(
                        "recount of {} {}: adopted {} message files, forgot {} missing ones",
                        account,
                        folder,
                        strangers.size(),
                        missing.size());
            }
            return adopted;
        });
        s.awaitDurable(w.seq());
        long uidValidity = s.read(FolderIndex::uidValidity);
        w.result().forEach(uid -> events.accept(new MailboxEvent.MessageAdded(account, folder, uidValidity, uid)));
    }
}
