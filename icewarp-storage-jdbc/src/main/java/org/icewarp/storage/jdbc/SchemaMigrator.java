package org.icewarp.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.icewarp.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema to the version this library needs, at start. Versions are numbered SQL scripts per engine
 * ({@code schema/<dialect>/V<n>.sql} beside this class); table {@code iw_schema_version} records the versions applied.
 * Servers starting at once take the engine's schema lock ({@link Dialect#lockSchema}), so one applies and the others
 * find the work done. Scripts use {@code IF NOT EXISTS} throughout, so a script cut off half-way (MariaDB cannot run
 * DDL in a transaction) runs again cleanly.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** What each version adds, in order: version n is {@code DESCRIPTIONS.get(n - 1)}. */
    static final List<String> DESCRIPTIONS =
            List.of("accounts, mailboxes, message contents, queue", "change log for other servers' listeners");

    /** The version this library needs. */
    static final int LATEST = DESCRIPTIONS.size();

    private SchemaMigrator() {}

    /** Applies the versions after the current one up to {@code target}. */
    static void migrate(Database db, int target) {
        Dialect dialect = db.dialect();
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            dialect.lockSchema(c);
            try {
                Dialect.execute(
                        c,
                        "CREATE TABLE IF NOT EXISTS iw_schema_version (version INT PRIMARY KEY,"
                                + " description VARCHAR(200) NOT NULL, installed_at VARCHAR(40) NOT NULL)");
                int current = currentVersion(c);
                if (current > LATEST) {
                    throw new StorageUnavailableException(
                            "the database at " + db.settings().redactedUrl()
                                    + " has schema version " + current + ", newer than this library's " + LATEST
                                    + "; upgrade the library");
                }
                for (int v = current + 1; v <= target; v++) {
                    apply(c, dialect, v);
                    LOG.info(
                            "database {}: schema version {} applied ({})",
                            db.settings().redactedUrl(),
                            v,
                            DESCRIPTIONS.get(v - 1));
                }
                dialect.afterMigration(c);
            } finally {
                dialect.unlockSchema(c);
            }
        } catch (SQLException e) {
            throw db.unavailable("schema upgrade", e);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(version) FROM iw_schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void apply(Connection c, Dialect dialect, int version) throws SQLException {
        List<String> statements = statements(dialect, version);
        c.setAutoCommit(false);
        try {
            for (String sql : statements) {
                Dialect.execute(c, sql);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO iw_schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, DESCRIPTIONS.get(version - 1));
                p.setString(3, Instant.now().toString());
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            Database.rollback(c, e);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The statements of one script: {@code --} comment lines dropped, split at a {@code ;} that ends a line. */
    static List<String> statements(Dialect dialect, int version) {
        String resource = "schema/" + dialect.name() + "/V" + version + ".sql";
        String text;
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + resource + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema script " + resource, e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
