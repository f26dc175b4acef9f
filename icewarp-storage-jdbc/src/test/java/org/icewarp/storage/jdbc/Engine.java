package org.icewarp.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The engines the tests run on. H2 runs everywhere; PostgreSQL and MariaDB run when their base URLs are given:
 *
 * <ul>
 *   <li>{@code ICEWARP_TEST_POSTGRES_URL}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
 *   <li>{@code ICEWARP_TEST_MARIADB_URL}, e.g. {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}
 * </ul>
 *
 * Without them (or when the server does not answer) those tests are skipped with a message on stderr; with {@code
 * CI=true} that is a failure instead. Every {@link #fresh} database is new (a schema on PostgreSQL, a database on
 * MariaDB, a directory for H2) and dropped by {@link TestDatabase#close()}.
 */
enum Engine {
    H2(null),
    POSTGRES("ICEWARP_TEST_POSTGRES_URL"),
    MARIADB("ICEWARP_TEST_MARIADB_URL");

    private final String variable;
    private static final Map<Engine, String> UNAVAILABLE = new ConcurrentHashMap<>();

    Engine(String variable) {
        this.variable = variable;
    }

    /** The base URL from the environment, or {@code null}. */
    String baseUrl() {
        if (variable == null) {
            return null;
        }
        String v = System.getenv(variable);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Skips the calling test (fails it when {@code CI=true}) when this engine is not available. */
    void require() {
        if (this == H2) {
            return;
        }
        String problem = UNAVAILABLE.computeIfAbsent(this, e -> {
            String url = baseUrl();
            if (url == null) {
                return variable + " is not set";
            }
            try (Connection c = DriverManager.getConnection(url)) {
                return "";
            } catch (SQLException ex) {
                return "cannot connect to " + JdbcSettings.redact(url) + " (" + variable + "): " + ex.getMessage();
            }
        });
        if (problem.isEmpty()) {
            return;
        }
        String message = name() + " tests skipped: " + problem;
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(name() + " tests cannot run with CI=true: " + problem);
        }
        System.err.println("[icewarp-storage-jdbc] " + message);
        Assumptions.abort(message);
    }

    /** A new, empty database on this engine; H2 puts it below {@code dir}. */
    TestDatabase fresh(Path dir) {
        require();
        String name = "iw_t_"
                + HexFormat.of()
                        .toHexDigits(ThreadLocalRandom.current().nextLong())
                        .substring(4);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("pool.maximum-size", "10");
        options.put("pool.minimum-idle", "1");
        options.put("pool.connection-timeout", "10000");
        options.put("notify.poll-interval", "100");
        switch (this) {
            case H2 -> {
                options.put("path", dir.resolve(name).toString());
                return new TestDatabase(this, name, options, () -> {});
            }
            case POSTGRES -> {
                String base = baseUrl();
                admin(base, "CREATE SCHEMA " + name);
                options.put("url", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name);
                return new TestDatabase(this, name, options, () -> admin(base, "DROP SCHEMA " + name + " CASCADE"));
            }
            case MARIADB -> {
                String base = baseUrl();
                admin(base, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                options.put("url", withDatabase(base, name));
                return new TestDatabase(this, name, options, () -> admin(base, "DROP DATABASE IF EXISTS " + name));
            }
            default -> throw new IllegalStateException();
        }
    }

    /** {@code jdbc:mariadb://host:port/db?params} with another database. */
    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hosts);
        int query = url.indexOf('?', hosts);
        String head = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        String tail = query < 0 ? "" : url.substring(query);
        return head + "/" + database + tail;
    }

    static void admin(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
