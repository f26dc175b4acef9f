package org.icewarp.storage.jdbc;

import java.util.Map;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;

/**
 * One fresh test database and the provider options that reach it.
 *
 * @param engine its engine
 * @param name its schema, database or directory name
 * @param options provider options (url or path, small pool, fast polling)
 * @param drop drops it
 */
record TestDatabase(Engine engine, String name, Map<String, String> options, Runnable drop) implements AutoCloseable {
    TestDatabase {
        options = Map.copyOf(options);
    }

    StorageSettings settings() {
        return StorageSettings.of(Options.of(options));
    }

    StorageSettings settings(String key, String value) {
        return StorageSettings.of(Options.of(options).with(key, value));
    }

    @Override
    public void close() {
        drop.run();
    }
}
