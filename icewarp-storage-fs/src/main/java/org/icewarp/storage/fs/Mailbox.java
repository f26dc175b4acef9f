package org.icewarp.storage.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.InvalidNameException;
import org.icewarp.storage.NotFoundException;
import org.icewarp.storage.StorageUnavailableException;

/**
 * One account's mailbox directory: its folder tree on disk and the {@link FolderState}s opened from it.
 *
 * <p>Message operations hold {@link #structure}'s read lock; creating, renaming and deleting folders hold its write
 * lock, so a folder never moves under an append in this process. A folder {@code A/B} lives in {@code +a/+b} below the
 * mailbox directory (see {@link FileNames}); a level whose encoding was hashed keeps its true name in {@code .name}.
 */
final class Mailbox {
    static final String NAME_FILE = ".name";

    final EmailAddress account;
    final Path dir;
    final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
    final Totals totals = new Totals();
    private final FolderState.Config config;
    private final Map<FolderName, FolderState> open = new ConcurrentHashMap<>();

    Mailbox(EmailAddress account, Path dir, FolderState.Config config) {
        this.account = account;
        this.dir = dir;
        this.config = config;
    }

    static boolean exists(Path mailboxDir) {
        return FolderState.exists(mailboxDir.resolve(FileNames.INBOX_DIR));
    }

    /** The directory of a folder (whether or not it exists). */
    Path folderDir(FolderName name) {
        Path p = dir;
        boolean top = true;
        for (String level : name.levels()) {
            p = p.resolve(FileNames.folderDir(level, top));
            top = false;
        }
        return p;
    }

    /** Writes the true level name beside a hashed directory name, before the directory is used. */
    static void writeNameIfHashed(Path folderDir, String level) throws IOException {
        if (FileNames.isHashed(folderDir.getFileName().toString())) {
            Durable.createDirectories(folderDir);
            Durable.write(folderDir.resolve(NAME_FILE), level.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every folder on disk, in name order. */
    List<FolderName> scan() throws IOException {
        TreeSet<FolderName> out = new TreeSet<>();
        scan(dir, null, out);
        return new ArrayList<>(out);
    }

    private void scan(Path d, FolderName parent, TreeSet<FolderName> out) throws IOException {
        try (DirectoryStream<Path> ds =
                Files.newDirectoryStream(d, p -> p.getFileName().toString().startsWith(FileNames.FOLDER_MARK))) {
            for (Path child : ds) {
                if (!Files.isDirectory(child)) {
                    continue;
                }
                String dirName = child.getFileName().toString();
                String level =
                        FileNames.isHashed(dirName) ? readName(child) : FileNames.folderLevel(dirName, parent == null);
                if (level == null) {
                    continue;
                }
                FolderName name;
                try {
                    name = FolderName.of(parent == null ? level : parent.value() + FolderName.DELIMITER + level);
                } catch (InvalidNameException e) {
                    continue; // not something this store wrote
                }
                if (FolderState.exists(child)) {
                    out.add(name);
                }
                scan(child, name, out);
            }
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        }
    }

    private static String readName(Path folderDir) throws IOException {
        try {
            return new String(Files.readAllBytes(folderDir.resolve(NAME_FILE)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The open state of a folder, opening it from disk if needed.
     *
     * @throws NotFoundException when it does not exist
     */
    FolderState folder(FolderName name) throws IOException {
        FolderState s = open.get(name);
        if (s != null) {
            return s;
        }
        Path fd = folderDir(name);
        if (!FolderState.exists(fd)) {
            throw new NotFoundException("folder " + name + " of " + account + " does not exist");
        }
        synchronized (open) {
            s = open.get(name);
            if (s == null) {
                s = FolderState.open(fd, totals, config);
                open.put(name, s);
            }
            return s;
        }
    }

    boolean hasFolder(FolderName name) {
        return open.containsKey(name) || FolderState.exists(folderDir(name));
    }

    /** The folders opened so far (all of them once {@link #openAll} ran). */
    java.util.Collection<FolderState> openFolders() {
        return List.copyOf(open.values());
    }

    /** Opens every folder on disk, so that {@link #totals} covers the whole mailbox. */
    void openAll() throws IOException {
        for (FolderName n : scan()) {
            folder(n);
        }
    }

    /**
     * Creates a folder and its missing parents on disk (the caller checked that it does not exist).
     *
     * @return the folders created, outermost first
     */
    List<FolderName> createWithParents(FolderName name, LongSupplier uidValidity) throws IOException {
        List<FolderName> created = new ArrayList<>();
        FolderName parent = name.parent();
        if (parent != null && !hasFolder(parent)) {
            created.addAll(createWithParents(parent, uidValidity));
        }
        Path fd = folderDir(name);
        List<String> levels = name.levels();
        writeNameIfHashed(fd, levels.get(levels.size() - 1));
        FolderState.create(fd, uidValidity.getAsLong());
        Durable.fsyncDirectory(fd.getParent());
        created.add(name);
        return created;
    }

    /** Renames a folder directory, with its children, atomically (the caller checked both names). */
    void moveFolder(FolderName from, FolderName to) throws IOException {
        closeWithin(from);
        Path src = folderDir(from);
        Path dst = folderDir(to);
        List<String> levels = to.levels();
        if (FileNames.isHashed(dst.getFileName().toString())) {
            Durable.write(src.resolve(NAME_FILE), levels.get(levels.size() - 1).getBytes(StandardCharsets.UTF_8));
        }
        Durable.move(src, dst);
        Durable.fsyncDirectory(dst.getParent());
        Durable.fsyncDirectory(src.getParent());
        folder(to);
    }

    /** Removes a folder: one atomic rename into the write area, then the files. */
    void removeFolder(FolderName name, WriteArea area) throws IOException {
        closeWithin(name);
        Path fd = folderDir(name);
        Path trash = area.newTempFile("deleted");
        Durable.move(fd, trash);
        Durable.fsyncDirectory(fd.getParent());
        Durable.deleteTree(trash);
    }

    /**
     * Removes every folder. Only the {@code +} directories go: with the alphabetical layout other mailboxes may live
     * inside this one.
     */
    void removeAll(WriteArea area) throws IOException {
        closeAll();
        List<Path> tops = new ArrayList<>();
        try (DirectoryStream<Path> ds =
                Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(FileNames.FOLDER_MARK))) {
            ds.forEach(tops::add);
        }
        List<Path> trash = new ArrayList<>();
        for (Path top : tops) {
            trash.add(area.newTempFile("deleted"));
            Durable.move(top, trash.get(trash.size() - 1));
        }
        Durable.fsyncDirectory(dir);
        for (Path t : trash) {
            Durable.deleteTree(t);
        }
    }

    /** Closes the states of {@code name} and the folders within it (before they move or vanish). */
    void closeWithin(FolderName name) {
        open.entrySet().removeIf(e -> {
            if (e.getKey().isWithin(name)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** An action on the disk. */
    interface Io<T> {
        T run() throws IOException;
    }

    /** Runs a message operation: under the read lock, with I/O failures as {@link StorageUnavailableException}. */
    <T> T read(String what, Io<T> action) {
        return locked(structure.readLock(), what, action);
    }

    /** Runs a folder-tree operation: under the write lock, with I/O failures as {@link StorageUnavailableException}. */
    <T> T write(String what, Io<T> action) {
        return locked(structure.writeLock(), what, action);
    }

    private <T> T locked(Lock lock, String what, Io<T> action) {
        lock.lock();
        try {
            return action.run();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot " + what + " (" + account + "): " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes every folder state. */
    void closeAll() {
        open.values().forEach(FolderState::close);
        open.clear();
    }
}
