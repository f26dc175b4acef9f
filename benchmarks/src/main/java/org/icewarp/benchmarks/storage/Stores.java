package org.icewarp.benchmarks.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;

/** Finds storage providers by id, as a server does, and cleans up benchmark directories. */
final class Stores {
    private Stores() {}

    static StorageProvider provider(String id) {
        for (StorageProvider p : ServiceLoader.load(StorageProvider.class)) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalStateException("no storage provider '" + id + "' on the class path");
    }

    static StorageSettings settings(String id, Path dir) {
        return StorageSettings.of(Options.of(id.equals("memory") ? Map.of() : Map.of("path", dir.toString())));
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
