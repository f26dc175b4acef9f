package org.icewarp.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * H2 2.x, embedded (the default) or client/server. H2 has {@code FOR UPDATE SKIP LOCKED}, and the queue's conditional
 * lease update is a compare-and-set on top, so leasing needs nothing special here.
 */
final class H2Dialect extends Dialect {
    /** An embedded database belongs to one JVM, so a JVM-wide lock per URL serialises its schema upgrades. */
    private static final ConcurrentHashMap<String, ReentrantLock> SCHEMA_LOCKS = new ConcurrentHashMap<>();

    @Override
    String name() {
        return "h2";
    }

    @Override
    String connectionInitSql(JdbcSettings.Timeouts t) {
        // H2's default of 1 s is too short for appenders queueing on one folder's row lock
        return "SET LOCK_TIMEOUT " + t.lockTimeoutMs();
    }

    @Override
    String currentMicrosSql() {
        return "SELECT DATEDIFF(MICROSECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP)";
    }

    @Override
    boolean embedded(String url) {
        return url.startsWith("jdbc:h2:file:")
                || url.startsWith("jdbc:h2:mem:")
                || url.startsWith("jdbc:h2:~")
                || url.startsWith("jdbc:h2:./")
                || url.startsWith("jdbc:h2:/");
    }

    @Override
    boolean isLockTimeout(SQLException e) {
        // LOCK_TIMEOUT_1 (50200)
        return "HYT00".equals(e.getSQLState());
    }

    @Override
    void lockSchema(Connection c) throws SQLException {
        SCHEMA_LOCKS
                .computeIfAbsent(c.getMetaData().getURL(), u -> new ReentrantLock())
                .lock();
    }

    @Override
    void unlockSchema(Connection c) throws SQLException {
        ReentrantLock lock = SCHEMA_LOCKS.get(c.getMetaData().getURL());
        if (lock != null && lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    @Override
    void afterMigration(Connection c) throws SQLException {
        // Commit writes to the file at once instead of up to 500 ms later, so that an acknowledged change survives
        // the death of the process (not of the machine: H2 does not fsync each commit; see the README).
        execute(c, "SET WRITE_DELAY 0");
    }
}
