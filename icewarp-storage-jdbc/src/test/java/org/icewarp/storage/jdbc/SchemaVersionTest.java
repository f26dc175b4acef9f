package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.icewarp.storage.AppendRequest;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.StorageUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema is created at the first start, left alone at the next, and upgraded from an older version. */
class SchemaVersionTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");

    @TempDir
    Path dir;

    private TestDatabase database;

    @AfterEach
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    private static int version(Database db) {
        return db.tx("reading the version", SchemaMigrator::currentVersion);
    }

    private static int changeLogTables(Connection c) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", null)) {
            int n = 0;
            while (r.next()) {
                n += r.getString("TABLE_NAME").equalsIgnoreCase("iw_change_log") ? 1 : 0;
            }
            return n;
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void startingTwiceKeepsTheSchemaAndTheData(Engine engine) {
        database = engine.fresh(dir);
        JdbcSettings settings = JdbcSettings.parse(database.settings());
        try (MailboxStore s = new JdbcStorageProvider().openMailboxes(database.settings())) {
            s.createMailbox(JOHN);
            s.append(JOHN, FolderName.INBOX, new ByteArrayInputStream(new byte[10]), AppendRequest.at(Instant.EPOCH));
        }
        try (MailboxStore s = new JdbcStorageProvider().openMailboxes(database.settings());
                Database db = Database.open(settings, "test")) {
            assertThat(s.status(JOHN, FolderName.INBOX).messages()).isEqualTo(1);
            assertThat(version(db)).isEqualTo(SchemaMigrator.LATEST);
            int rows = db.tx("counting versions", c -> {
                try (Statement st = c.createStatement();
                        ResultSet r = st.executeQuery("SELECT COUNT(*) FROM iw_schema_version")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(SchemaMigrator.LATEST);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aVersionOneDatabaseIsUpgradedAtStartAndKeepsItsData(Engine engine) {
        database = engine.fresh(dir);
        JdbcSettings settings = JdbcSettings.parse(database.settings());
        try (Database v1 = Database.open(settings, "test", 1)) {
            assertThat(version(v1)).isEqualTo(1);
            assertThat(v1.tx("looking for the change log", SchemaVersionTest::changeLogTables))
                    .isZero();
            v1.tx("a mailbox written by version 1", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO iw_domains (name, options) VALUES ('example.com', '')");
                    st.executeUpdate(
                            "INSERT INTO iw_domain_names (name, domain_name) VALUES ('example.com', 'example.com')");
                }
                return null;
            });
        }
        try (Database db = Database.open(settings, "test")) {
            assertThat(version(db)).isEqualTo(2);
            assertThat(db.tx("looking for the change log", SchemaVersionTest::changeLogTables))
                    .isEqualTo(1);
        }
        try (var accounts = new JdbcStorageProvider().openAccounts(database.settings())) {
            assertThat(accounts.findDomain("example.com")).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDatabaseFromANewerLibraryIsRefused(Engine engine) {
        database = engine.fresh(dir);
        JdbcSettings settings = JdbcSettings.parse(database.settings());
        try (Database db = Database.open(settings, "test")) {
            db.tx("pretending a newer library ran", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO iw_schema_version (version, description, installed_at)"
                            + " VALUES (99, 'future', 'now')");
                }
                return null;
            });
        }
        assertThatThrownBy(() -> new JdbcStorageProvider().openMailboxes(database.settings()))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("schema version 99");
    }
}
