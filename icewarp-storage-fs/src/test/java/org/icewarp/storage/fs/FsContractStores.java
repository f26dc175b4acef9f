package org.icewarp.storage.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.icewarp.storage.StorageSettings;

/** Gives each store a contract test asks for its own directory, and remembers it for reopening. */
final class FsContractStores {
    private final Path root;
    private final Map<Object, Path> dirs = new IdentityHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private int next;

    FsContractStores(Path root) {
        this.root = root;
    }

    synchronized StorageSettings fresh(String... options) {
        try {
            Path dir = Files.createDirectories(root.resolve("store-" + next++));
            return Fixtures.settings(dir, "", options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized <T> T remember(T store, StorageSettings settings) {
        dirs.put(store, Path.of(settings.options().string("path", "")));
        if (store instanceof AutoCloseable c) {
            opened.add(c);
        }
        return store;
    }

    /** Closes every store handed out (closing twice is harmless), so no background work outlives the test. */
    synchronized void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
    }

    synchronized StorageSettings settingsOf(Object store, String... options) {
        return Fixtures.settings(dirs.remove(store), "", options);
    }
}
