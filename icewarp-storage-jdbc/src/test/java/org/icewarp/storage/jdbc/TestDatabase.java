package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** A direct connection to this database, outside any store (autocommit). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(JdbcSettings.parse(settings()).url());
    }

    /** Runs statements directly on this database. */
    void execute(String... sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** The first column of the first row of {@code sql}, read directly from this database. */
    long queryLong(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public void close() {
        drop.run();
    }
}
