package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.icewarp.storage.StorageUnavailableException;

/** MariaDB 10.6+ (and MySQL 8, which has the same syntax for what is used here). */
final class MariaDbDialect extends Dialect {
    private static final String SCHEMA_LOCK = "icewarp_schema";

    @Override
    String name() {
        return "mariadb";
    }

    @Override
    void lockSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT GET_LOCK('" + SCHEMA_LOCK + "', 120)")) {
            if (!r.next() || r.getInt(1) != 1) {
                throw new StorageUnavailableException("timed out waiting for another server's schema upgrade");
            }
        }
    }

    @Override
    void unlockSchema(Connection c) throws SQLException {
        execute(c, "DO RELEASE_LOCK('" + SCHEMA_LOCK + "')");
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 1062 || e.getErrorCode() == 1586;
    }

    @Override
    boolean isRetryable(SQLException e) {
        // 1213 deadlock
        return super.isRetryable(e) || e.getErrorCode() == 1213;
    }

    @Override
    String currentMicrosSql() {
        return "SELECT CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)";
    }

    @Override
    boolean isLockTimeout(SQLException e) {
        // ER_LOCK_WAIT_TIMEOUT: innodb_lock_wait_timeout expired
        return e.getErrorCode() == 1205;
    }

    @Override
    String connectionInitSql(JdbcSettings.Timeouts t) {
        // both in whole seconds; idle_transaction_timeout 0 means none
        return "SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (t.lockTimeoutMs() + 999) / 1000)
                + ", SESSION idle_transaction_timeout = " + (t.idleInTransactionTimeoutMs() + 999) / 1000;
    }

    @Override
    Map<String, String> driverProperties(JdbcSettings.Timeouts t) {
        // Connector/J's socketTimeout is in milliseconds
        return Map.of(
                "socketTimeout",
                Long.toString(t.socketTimeoutMs()),
                "tcpKeepAlive",
                Boolean.toString(t.tcpKeepAlive()));
    }

    @Override
    PreparedStatement prepareInsertReturningId(Connection c, String sql) throws SQLException {
        return c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }
}
