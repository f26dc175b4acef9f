package org.icewarp.storage.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.icewarp.storage.StorageSettings;

/**
 * Gives each store a contract test asks for its own fresh database, remembers which, reopens over it, and closes
 * every store and drops every database after the test.
 */
final class ContractFixture<S extends AutoCloseable> {
    private final Engine engine;
    private final Function<StorageSettings, S> opener;
    private final Map<S, TestDatabase> databases = new IdentityHashMap<>();
    private final List<S> stores = new ArrayList<>();
    private final List<TestDatabase> created = new ArrayList<>();

    ContractFixture(Engine engine, Function<StorageSettings, S> opener) {
        this.engine = engine;
        this.opener = opener;
    }

    synchronized S fresh(Path dir) {
        TestDatabase db = database(dir);
        return open(db);
    }

    synchronized TestDatabase database(Path dir) {
        TestDatabase db = engine.fresh(dir);
        created.add(db);
        return db;
    }

    synchronized S reopen(S store) throws Exception {
        store.close();
        TestDatabase db = databases.remove(store);
        return open(db);
    }

    private S open(TestDatabase db) {
        S s = opener.apply(db.settings());
        databases.put(s, db);
        stores.add(s);
        return s;
    }

    synchronized void close() throws Exception {
        for (S s : stores) {
            s.close();
        }
        stores.clear();
        for (TestDatabase db : created) {
            db.close();
        }
        created.clear();
    }
}
