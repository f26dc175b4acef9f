package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * What differs between database engines; everything else is shared SQL. One subclass per engine: {@link H2Dialect},
 * {@link PostgresDialect}, {@link MariaDbDialect}.
 */
abstract class Dialect {

    /** The engine's name, also the folder of its schema scripts. */
    abstract String name();

    /**
     * The engine for a JDBC URL.
     *
     * @throws IllegalArgumentException naming the option {@code url} when no engine is known for it
     */
    static Dialect forUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect();
        }
        throw new IllegalArgumentException("option url: '" + JdbcSettings.redact(url)
                + "' is not a jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL");
    }

    /**
     * SQL run on every new pooled connection, or {@code null}: the session's lock timeout and the like. The pool
     * commits it (PostgreSQL would undo a {@code SET} with the first rollback otherwise).
     */
    String connectionInitSql(JdbcSettings.Timeouts t) {
        return null;
    }

    /** Driver properties for every connection: socket timeout and TCP keepalive. */
    Map<String, String> driverProperties(JdbcSettings.Timeouts t) {
        return Map.of();
    }

    /** Whether the statement gave up waiting for a lock ({@code lock-timeout}). */
    abstract boolean isLockTimeout(SQLException e);

    /**
     * Takes the lock that serialises schema upgrades between servers starting at once. Called on a connection in
     * auto-commit mode, released by {@link #unlockSchema}.
     */
    abstract void lockSchema(Connection c) throws SQLException;

    /** Releases {@link #lockSchema}. */
    abstract void unlockSchema(Connection c) throws SQLException;

    /** Whether the statement failed on a unique or primary key constraint. */
    boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Whether the transaction failed for a deadlock or serialisation conflict and may simply run again. */
    boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    /** Prepares an insert whose generated {@code id} column is read with {@link PreparedStatement#getGeneratedKeys}. */
    PreparedStatement prepareInsertReturningId(Connection c, String sql) throws SQLException {
        return c.prepareStatement(sql, new String[] {"id"});
    }

    /** Due queue entries for leasing, locking them and skipping rows other leasers hold; parameters: now, now, max. */
    String leaseCandidatesSql() {
        return "SELECT id FROM iw_queue WHERE next_attempt <= ? AND (lease_owner = '' OR lease_expires <= ?)"
                + " ORDER BY next_attempt, id LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    /**
     * The database's current time in microseconds since the epoch, from one {@code SELECT} of {@link
     * #currentMicrosSql()}: the one clock every server sharing the database agrees on.
     */
    long currentMicros(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery(currentMicrosSql())) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A query whose one value is the database's current time in microseconds since the epoch. */
    abstract String currentMicrosSql();

    /** Whether the URL is an embedded database (one JVM, one clock). */
    boolean embedded(String url) {
        return false;
    }

    /** How a change feed waits for the next look at the change log. */
    Wakeup wakeup(JdbcSettings settings) {
        return Wakeup.sleeping();
    }

    /** Runs once after the schema is current, on a connection in auto-commit mode. */
    void afterMigration(Connection c) throws SQLException {}

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
