package org.icewarp.benchmarks.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;

/**
 * Finds storage providers by benchmark id, as a server does by provider id, and gives each trial its own storage:
 * {@code memory}, {@code fs} (a temporary directory), {@code jdbc-h2} (embedded H2 in a temporary directory) and
 * {@code jdbc-postgres} (a fresh schema in the database of {@code ICEWARP_BENCH_POSTGRES_URL}, else {@code
 * ICEWARP_TEST_POSTGRES_URL}, dropped afterwards; without either the trial fails at once with a message saying so,
 * and JMH goes on with the next one).
 */
public final class Stores {
    private Stores() {}

    /** The storage of one trial: provider, settings, and the clean-up. */
    record Target(StorageProvider provider, StorageSettings settings, Path dir, String schema, String adminUrl) {
        void cleanUp() throws IOException {
            if (schema != null) {
                admin(adminUrl, "DROP SCHEMA " + schema + " CASCADE");
            }
            delete(dir);
        }
    }

    static Target target(String id, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Map<String, String> options = new HashMap<>();
        String schema = null;
        String adminUrl = null;
        switch (id) {
            case "memory" -> {}
            case "fs" -> options.put("path", dir.toString());
            case "jdbc-h2" -> options.put("path", dir.toString());
            case "jdbc-postgres" -> {
                adminUrl = System.getenv("ICEWARP_BENCH_POSTGRES_URL");
                if (adminUrl == null || adminUrl.isBlank()) {
                    adminUrl = System.getenv("ICEWARP_TEST_POSTGRES_URL");
                }
                if (adminUrl == null || adminUrl.isBlank()) {
                    delete(dir);
                    throw new IllegalStateException("jdbc-postgres skipped: set ICEWARP_BENCH_POSTGRES_URL (or"
                            + " ICEWARP_TEST_POSTGRES_URL), e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
                }
                schema = "iw_bench_"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
                admin(adminUrl, "CREATE SCHEMA " + schema);
                options.put("url", adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
                options.put("pool.maximum-size", "16");
            }
            default -> throw new IllegalArgumentException("unknown storage benchmark target '" + id + "'");
        }
        extraOptions(System.getProperty(EXTRA_OPTIONS, ""), options);
        return new Target(
                provider(id.startsWith("jdbc-") ? "jdbc" : id),
                StorageSettings.of(Options.of(options)),
                dir,
                schema,
                adminUrl);
    }

    /**
     * The system property with options added to every store a benchmark opens, {@code key=value} pairs separated by
     * commas, to compare settings without editing code: {@code -jvmArgsAppend -Dicewarp.bench.options=inline-max=0}.
     */
    public static final String EXTRA_OPTIONS = "icewarp.bench.options";

    /**
     * Adds the {@code key=value} pairs of {@code spec} (comma-separated) to {@code options}.
     *
     * @throws IllegalArgumentException naming the property when a pair is not {@code key=value}
     */
    public static void extraOptions(String spec, Map<String, String> options) {
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(EXTRA_OPTIONS + ": '" + pair + "' is not key=value");
            }
            options.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
    }

    static StorageProvider provider(String id) {
        for (StorageProvider p : ServiceLoader.load(StorageProvider.class)) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalStateException("no storage provider '" + id + "' on the class path");
    }

    private static void admin(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
