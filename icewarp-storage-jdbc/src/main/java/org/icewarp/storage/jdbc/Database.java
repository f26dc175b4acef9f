package org.icewarp.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.icewarp.storage.ConflictException;
import org.icewarp.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store's connection pool and its transactions. Every operation runs in {@link #tx}: a connection from the pool,
 * the work, a commit; a failure of the database becomes a {@link StorageUnavailableException}, and a deadlock or
 * serialisation conflict runs the work again.
 */
final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final int ATTEMPTS = 5;

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final JdbcSettings settings;
    private final HikariDataSource pool;

    private Database(JdbcSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Opens the pool and brings the schema up to date.
     *
     * @param purpose names the pool in logs ({@code accounts}, {@code mailboxes}, {@code queue})
     * @throws StorageUnavailableException naming the URL (without password) when the database cannot be reached
     */
    static Database open(JdbcSettings settings, String purpose) {
        return open(settings, purpose, SchemaMigrator.LATEST);
    }

    static Database open(JdbcSettings settings, String purpose, int schemaVersion) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("icewarp-jdbc-" + purpose + "-" + POOLS.incrementAndGet());
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        JdbcSettings.Pool p = settings.pool();
        config.setMaximumPoolSize(p.maximumSize());
        config.setMinimumIdle(p.minimumIdle());
        config.setConnectionTimeout(p.connectionTimeoutMs());
        config.setValidationTimeout(Math.min(p.connectionTimeoutMs(), 5_000));
        config.setIdleTimeout(p.idleTimeoutMs());
        config.setMaxLifetime(p.maxLifetimeMs());
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionInitSql(settings.dialect().connectionInitSql(settings.timeouts()));
        // commit the init SQL: a PostgreSQL SET in a transaction that is later rolled back is undone with it
        config.setIsolateInternalQueries(true);
        settings.dialect().driverProperties(settings.timeouts()).forEach(config::addDataSourceProperty);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException(
                    "cannot connect to the database at " + settings.redactedUrl() + ": " + rootMessage(e), e);
        }
        Database db = new Database(settings, ds);
        try {
            SchemaMigrator.migrate(db, schemaVersion);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return db;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return JdbcSettings.redact(String.valueOf(t.getMessage()));
    }

    JdbcSettings settings() {
        return settings;
    }

    Dialect dialect() {
        return settings.dialect();
    }

    /** A pooled connection in manual-commit mode; the caller commits or rolls back and closes it. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Runs {@code work} in a transaction, again after a deadlock, and commits. A lock not granted within {@code
     * lock-timeout} runs it again {@code lock-retries} times, then fails with {@link StorageUnavailableException}.
     */
    <T> T tx(String what, Work<T> work) {
        int lockTimeouts = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (dialect().isLockTimeout(e)) {
                    if (lockTimeouts++ < settings.timeouts().lockRetries()) {
                        LOG.debug("{} on {}: lock timeout, attempt again: {}", what, pool.getPoolName(), e.toString());
                        continue;
                    }
                    throw lockTimeout(what, e, lockTimeouts);
                }
                if (attempt < ATTEMPTS && dialect().isRetryable(e)) {
                    LOG.debug(
                            "{} on {}: conflict, attempt {} again: {}",
                            what,
                            pool.getPoolName(),
                            attempt,
                            e.toString());
                    continue;
                }
                throw translate(what, e);
            }
        }
    }

    private StorageUnavailableException lockTimeout(String what, SQLException e, int times) {
        return new StorageUnavailableException(
                what + " failed: a lock was not granted within lock-timeout ("
                        + settings.timeouts().lockTimeoutMs()
                        + " ms), " + times + " time(s); database " + settings.redactedUrl() + ": "
                        + JdbcSettings.redact(e.toString()),
                e);
    }

    private RuntimeException translate(String what, SQLException e) {
        if (dialect().isLockTimeout(e)) {
            return lockTimeout(what, e, 1);
        }
        if (dialect().isUniqueViolation(e)) {
            return new DuplicateKeyException(what + " failed: it was created meanwhile", e);
        }
        // permanent: running it again cannot help, so it must not look like an outage that a caller retries
        String state = e.getSQLState();
        if (state != null && state.startsWith("22")) {
            return new IllegalArgumentException(
                    what + " failed: a value does not fit the database: " + JdbcSettings.redact(e.toString()), e);
        }
        if (state != null && state.startsWith("23")) {
            return new ConflictException(
                    what + " failed: it conflicts with stored data: " + JdbcSettings.redact(e.toString()), e);
        }
        return unavailable(what, e);
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c, e);
                evictIfBroken(c, e);
                throw e;
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    /**
     * Takes a connection that failed out of the pool when it no longer works. HikariCP evicts connections on SQL
     * states {@code 08xxx} by itself, but not every driver reports a lost connection so (H2's client says 90067), and
     * a connection used again within half a second is not validated on borrow: without this, a busy pool could keep
     * handing out dead connections after the database came back.
     */
    private void evictIfBroken(Connection c, SQLException e) {
        if (dialect().isRetryable(e)
                || dialect().isUniqueViolation(e)
                || dialect().isLockTimeout(e)) {
            return;
        }
        boolean valid;
        try {
            valid = c.isValid(2);
        } catch (SQLException notValid) {
            valid = false;
        }
        if (!valid) {
            pool.evictConnection(c);
        }
    }

    static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    StorageUnavailableException unavailable(String what, SQLException e) {
        return new StorageUnavailableException(
                what + " failed: database " + settings.redactedUrl() + ": " + JdbcSettings.redact(e.toString()), e);
    }

    /** Whether {@code e} is a unique-key violation. */
    boolean isUniqueViolation(SQLException e) {
        return dialect().isUniqueViolation(e);
    }

    @Override
    public void close() {
        pool.close();
    }
}
