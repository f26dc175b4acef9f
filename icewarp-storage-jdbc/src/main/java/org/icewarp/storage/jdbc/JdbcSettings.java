package org.icewarp.storage.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.icewarp.storage.LocalPartPolicy;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;

/**
 * The JDBC provider's options, parsed and validated at once (the table is in the module README). Its {@link
 * #toString()} never shows the password.
 *
 * @param url the JDBC URL
 * @param user the database user, or {@code ""}
 * @param password the password, or {@code ""}
 * @param dialect the engine, from the URL
 * @param pool the connection pool's settings
 * @param notifyPollInterval how often other servers' changes are looked for (engines without LISTEN/NOTIFY), and the
 *     longest wait between looks on PostgreSQL
 * @param lookupCacheTtl how long a cached address lookup may be served; zero disables the cache
 * @param lookupCacheSize the most cached lookups
 * @param chunkSize bytes per stored content chunk
 * @param localPartPolicy how local parts compare
 * @param clock the clock
 * @param serverId the load-balancing server ID
 * @param groupCommitMaxWait how long a small append waits to be taken into its account's group commit
 * @param timeouts how long the database may keep an operation waiting
 * @param queueClock whether queue times are taken from the database's clock ({@code true}) or the caller's
 * @param queueClockTolerance how far this server's clock may be from the database's before queue times are corrected
 * @param spoolDirectory where messages larger than one chunk are spooled before they are written
 */
record JdbcSettings(
        String url,
        String user,
        String password,
        Dialect dialect,
        Pool pool,
        Duration notifyPollInterval,
        Duration lookupCacheTtl,
        long lookupCacheSize,
        int chunkSize,
        LocalPartPolicy localPartPolicy,
        Clock clock,
        String serverId,
        Duration groupCommitMaxWait,
        Timeouts timeouts,
        boolean queueClock,
        Duration queueClockTolerance,
        Path spoolDirectory) {

    /**
     * Pool settings handed to HikariCP.
     *
     * @param maximumSize most connections
     * @param minimumIdle idle connections kept
     * @param connectionTimeoutMs how long an operation waits for a connection before it fails
     * @param idleTimeoutMs how long an idle connection above the minimum is kept (0: for ever)
     * @param maxLifetimeMs how long a connection lives at most (0: for ever)
     */
    record Pool(int maximumSize, int minimumIdle, long connectionTimeoutMs, long idleTimeoutMs, long maxLifetimeMs) {}

    /**
     * Bounds on waiting for the database, so that a lost network or a stalled lock holder fails an operation instead
     * of hanging it.
     *
     * @param socketTimeoutMs how long a statement waits for the database's answer before its connection counts as
     *     lost (0: for ever)
     * @param tcpKeepAlive whether TCP keepalive is on for database connections
     * @param lockTimeoutMs how long a statement waits for a row lock
     * @param lockRetries how often a transaction that timed out on a lock runs again before it fails
     * @param idleInTransactionTimeoutMs how long the database lets a session sit idle inside a transaction (0: for
     *     ever; PostgreSQL and MariaDB)
     */
    record Timeouts(
            long socketTimeoutMs,
            boolean tcpKeepAlive,
            long lockTimeoutMs,
            int lockRetries,
            long idleInTransactionTimeoutMs) {}

    static final Set<String> KEYS = Set.of(
            "url",
            "path",
            "user",
            "password",
            "pool.maximum-size",
            "pool.minimum-idle",
            "pool.connection-timeout",
            "pool.idle-timeout",
            "pool.max-lifetime",
            "notify.poll-interval",
            "lookup-cache.ttl",
            "lookup-cache.size",
            "chunk-size",
            "local-part-policy",
            "group-commit.max-wait",
            "socket-timeout",
            "tcp-keepalive",
            "lock-timeout",
            "lock-retries",
            "idle-in-transaction-timeout",
            "queue.clock",
            "queue.clock-tolerance",
            "spool-directory");

    /** The largest chunk: H2 limits a binary value to 1,000,000 bytes. */
    static final int MAX_CHUNK = 1_000_000;

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    /** {@code //user:password@}: the password runs to the last {@code @} before the query (it may hold / or @). */
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:?]*):[^?]*@");

    JdbcSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(notifyPollInterval, "notifyPollInterval");
        Objects.requireNonNull(lookupCacheTtl, "lookupCacheTtl");
        Objects.requireNonNull(localPartPolicy, "localPartPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(groupCommitMaxWait, "groupCommitMaxWait");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(queueClockTolerance, "queueClockTolerance");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    }

    /**
     * Parses the provider options.
     *
     * @throws IllegalArgumentException naming the option that is unknown, missing or invalid
     */
    static JdbcSettings parse(StorageSettings settings) {
        Options o = settings.options();
        for (String key : o.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown jdbc storage option '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        String url = url(o);
        Dialect dialect = Dialect.forUrl(url);
        int max = (int) range(o, "pool.maximum-size", 10, 1, 1000);
        int minIdle = (int) range(o, "pool.minimum-idle", Math.min(2, max), 0, 1000);
        if (minIdle > max) {
            throw new IllegalArgumentException(
                    "option pool.minimum-idle: must not exceed pool.maximum-size (" + max + "), was " + minIdle);
        }
        Pool pool = new Pool(
                max,
                minIdle,
                range(o, "pool.connection-timeout", 5_000, 250, 3_600_000),
                zeroOrRange(o, "pool.idle-timeout", 600_000, 10_000),
                zeroOrRange(o, "pool.max-lifetime", 1_800_000, 30_000));
        Duration poll = Duration.ofMillis(range(o, "notify.poll-interval", 1_000, 10, 60_000));
        Duration ttl = Duration.ofMillis(range(o, "lookup-cache.ttl", 5_000, 0, 3_600_000));
        long cacheSize = range(o, "lookup-cache.size", 100_000, 0, 100_000_000);
        int chunk = (int) range(o, "chunk-size", 256 * 1024, 1024, MAX_CHUNK);
        LocalPartPolicy policy =
                switch (o.string("local-part-policy", "case-insensitive").trim()) {
                    case "case-insensitive" -> LocalPartPolicy.CASE_INSENSITIVE;
                    case "case-sensitive" -> LocalPartPolicy.CASE_SENSITIVE;
                    default ->
                        throw new IllegalArgumentException("option local-part-policy: '"
                                + o.string("local-part-policy", "") + "' is not case-insensitive or case-sensitive");
                };
        return new JdbcSettings(
                url,
                o.string("user", ""),
                o.string("password", ""),
                dialect,
                pool,
                poll,
                ttl,
                cacheSize,
                chunk,
                policy,
                settings.clock(),
                settings.serverId(),
                Duration.ofMillis(range(o, "group-commit.max-wait", 30_000, 100, 3_600_000)),
                timeouts(o),
                queueClock(o, dialect, url),
                Duration.ofMillis(range(o, "queue.clock-tolerance", 1_000, 0, 3_600_000)),
                spoolDirectory(o));
    }

    private static Path spoolDirectory(Options o) {
        String v = o.string("spool-directory", "").trim();
        if (v.isEmpty()) {
            if (o.values().containsKey("spool-directory")) {
                throw new IllegalArgumentException("option spool-directory must not be blank");
            }
            return Path.of(System.getProperty("java.io.tmpdir"), "icewarp-jdbc-spool");
        }
        try {
            return Path.of(v).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("option spool-directory: '" + v + "' is not a path: " + e.getMessage());
        }
    }

    private static boolean queueClock(Options o, Dialect dialect, String url) {
        String v = o.string("queue.clock", dialect.embedded(url) ? "caller" : "database")
                .trim();
        return switch (v) {
            case "database" -> true;
            case "caller" -> false;
            default -> throw new IllegalArgumentException("option queue.clock: '" + v + "' is not database or caller");
        };
    }

    private static Timeouts timeouts(Options o) {
        long socket = zeroOrRange(o, "socket-timeout", 120_000, 1_000);
        long lock = range(o, "lock-timeout", 30_000, 100, 3_600_000);
        if (socket != 0 && socket <= lock) {
            throw new IllegalArgumentException("option socket-timeout: must be 0 or more than lock-timeout (" + lock
                    + "), was " + socket + " (a statement waiting for a lock would count as a lost connection)");
        }
        boolean keepAlive;
        String k = o.string("tcp-keepalive", "true").trim();
        switch (k) {
            case "true" -> keepAlive = true;
            case "false" -> keepAlive = false;
            default -> throw new IllegalArgumentException("option tcp-keepalive: '" + k + "' is not true or false");
        }
        return new Timeouts(
                socket,
                keepAlive,
                lock,
                (int) range(o, "lock-retries", 1, 0, 10),
                zeroOrRange(o, "idle-in-transaction-timeout", 300_000, 1_000));
    }

    private static String url(Options o) {
        String url = o.string("url", "").trim();
        String path = o.string("path", "").trim();
        if (!url.isEmpty() && !path.isEmpty()) {
            throw new IllegalArgumentException(
                    "options url and path: give one, not both (path is for the default" + " embedded H2 database)");
        }
        if (!url.isEmpty()) {
            return url;
        }
        if (path.isEmpty()) {
            if (o.values().containsKey("url")) {
                throw new IllegalArgumentException("option url must not be blank");
            }
            throw new IllegalArgumentException(
                    "option url or path is required (path: a directory for the embedded H2 database)");
        }
        if (path.indexOf(';') >= 0) {
            throw new IllegalArgumentException("option path: '" + path + "' must not contain ';'");
        }
        Path dir = Path.of(path).toAbsolutePath().normalize();
        // LOCK_TIMEOUT: H2 waits only 1 s for a row lock by default, too short for appenders queueing on a folder.
        return "jdbc:h2:file:" + dir.resolve("icewarp") + ";LOCK_TIMEOUT=30000";
    }

    private static long range(Options o, String key, long def, long min, long max) {
        long v = o.integer(key, def);
        if (v < min || v > max) {
            throw new IllegalArgumentException("option " + key + ": must be " + min + " to " + max + ", was " + v);
        }
        return v;
    }

    private static long zeroOrRange(Options o, String key, long def, long min) {
        long v = o.integer(key, def);
        if (v != 0 && v < min) {
            throw new IllegalArgumentException("option " + key + ": must be 0 or at least " + min + ", was " + v);
        }
        return v;
    }

    /** The URL without a password in it, for messages and logs. */
    String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("//$1:***@");
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + redactedUrl() + ", user=" + user + ", dialect=" + dialect.name() + ", pool=" + pool
                + "]";
    }
}
