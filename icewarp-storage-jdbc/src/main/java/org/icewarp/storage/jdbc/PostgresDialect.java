package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 12+. A trigger on {@code iw_change_log} (schema version 2) sends {@code NOTIFY iw_changes}, delivered at
 * commit, and each change feed {@code LISTEN}s on its own connection, so other servers hear of a change within
 * milliseconds instead of a poll interval, at no extra round trip for the writer.
 */
final class PostgresDialect extends Dialect {
    static final String CHANNEL = "iw_changes";
    private static final String SCHEMA_LOCK = "hashtext('icewarp_schema:' || current_schema())";

    @Override
    String name() {
        return "postgresql";
    }

    @Override
    void lockSchema(Connection c) throws SQLException {
        execute(c, "SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
    }

    @Override
    void unlockSchema(Connection c) throws SQLException {
        execute(c, "SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
    }

    @Override
    String connectionInitSql(JdbcSettings.Timeouts t) {
        return "SET lock_timeout = " + t.lockTimeoutMs() + "; SET idle_in_transaction_session_timeout = "
                + t.idleInTransactionTimeoutMs();
    }

    @Override
    Map<String, String> driverProperties(JdbcSettings.Timeouts t) {
        // pgjdbc's socketTimeout is in seconds
        return Map.of(
                "socketTimeout",
                Long.toString((t.socketTimeoutMs() + 999) / 1000),
                "tcpKeepAlive",
                Boolean.toString(t.tcpKeepAlive()));
    }

    @Override
    String currentMicrosSql() {
        // clock_timestamp(), not now(): the time of this statement, not of the transaction's start
        return "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";
    }

    @Override
    boolean isLockTimeout(SQLException e) {
        // lock_not_available: lock_timeout expired
        return "55P03".equals(e.getSQLState());
    }

    @Override
    Wakeup wakeup(JdbcSettings settings) {
        Listener l = new Listener(settings);
        try {
            // listen before the store is handed out, so that no change after the open waits for the poll interval
            l.connect();
        } catch (SQLException e) {
            l.failed(e);
        }
        return l;
    }

    /** Waits on a dedicated {@code LISTEN} connection; reconnects after the database comes back. */
    private static final class Listener implements Wakeup {
        private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
        private final JdbcSettings settings;
        private Connection connection;
        private boolean warned;

        Listener(JdbcSettings settings) {
            this.settings = settings;
        }

        void connect() throws SQLException {
            if (connection != null) {
                return;
            }
            Properties p = new Properties();
            settings.dialect().driverProperties(settings.timeouts()).forEach(p::setProperty);
            if (!settings.user().isEmpty()) {
                p.setProperty("user", settings.user());
            }
            if (!settings.password().isEmpty()) {
                p.setProperty("password", settings.password());
            }
            Connection c = DriverManager.getConnection(settings.url(), p);
            try {
                c.setAutoCommit(true);
                execute(c, "LISTEN " + CHANNEL);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
            if (warned) {
                LOG.info("change listener on {} connected again", settings.redactedUrl());
                warned = false;
            }
        }

        void failed(SQLException e) {
            if (!warned) {
                LOG.warn(
                        "change listener on {} has no connection, polling until it is back: {}",
                        settings.redactedUrl(),
                        e.toString());
                warned = true;
            }
            close();
        }

        @Override
        public void await(Duration max) throws InterruptedException {
            try {
                connect();
                connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, max.toMillis()));
            } catch (SQLException e) {
                failed(e);
                Thread.sleep(max.toMillis());
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing a broken connection
                }
                connection = null;
            }
        }
    }
}
