package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.samples.server.RoundTripMailbox.OWNER;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The seed's "Convert to DB" and "Convert to File System" with the distribution's own command: a file-system mailbox
 * of 2,000 messages of mixed sizes and flags goes to H2, from H2 to PostgreSQL, and from PostgreSQL back to the file
 * system, each leg through {@code icewarp tool migrate-storage}; at the end every store holds it byte for byte under
 * the same UIDs.
 *
 * <p>PostgreSQL is the one in {@code ICEWARP_TEST_POSTGRES_URL} (for example {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); the test creates a schema of its own there and drops it at
 * the end. Without the variable the PostgreSQL test is skipped with a message on standard error, and fails when
 * {@code CI=true}. The H2 round trip runs everywhere.
 */
class DatabaseRoundTripTest {
    private static final String POSTGRES_VARIABLE = "ICEWARP_TEST_POSTGRES_URL";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    /** Runs {@code icewarp tool migrate-storage --quiet <args>} in-process and expects success. */
    private void migrate(String from, String to) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = IceWarpCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("tool", "migrate-storage", "--quiet", "--from", from, "--to", to);
        assertThat(code).as("%s -> %s:%n%s%n%s", from, to, out, err).isZero();
        assertThat(out.toString()).contains("verification: OK");
    }

    private static StorageSettings settings(String key, String value) {
        return StorageSettings.of(Options.of(Map.of(key, value)));
    }

    /** Populates a file-system store below {@code dir}. */
    private static void populateFileSystem(Path dir) {
        StorageProvider fs = RoundTripMailbox.provider("fs");
        StorageSettings s = settings("path", dir.toString());
        try (AccountStore accounts = fs.openAccounts(s);
                MailboxStore mail = fs.openMailboxes(s)) {
            RoundTripMailbox.populate(accounts, mail, 2_000);
        }
    }

    /** Opens two stores and asserts the second holds the owner's account and mailbox as the first does. */
    private static void assertSame(String p1, StorageSettings s1, String p2, StorageSettings s2) throws Exception {
        StorageProvider first = RoundTripMailbox.provider(p1);
        StorageProvider second = RoundTripMailbox.provider(p2);
        try (AccountStore a1 = first.openAccounts(s1);
                MailboxStore m1 = first.openMailboxes(s1);
                AccountStore a2 = second.openAccounts(s2);
                MailboxStore m2 = second.openMailboxes(s2)) {
            assertThat(a2.findAccount(OWNER)).isEqualTo(a1.findAccount(OWNER));
            assertThat(m1.usage(OWNER).messages()).isGreaterThan(1_700);
            RoundTripMailbox.assertSameMailbox(m1, m2);
        }
    }

    @Test
    void fileSystemToH2AndBack() throws Exception {
        Path first = temp.resolve("first");
        Path h2 = temp.resolve("h2");
        Path last = temp.resolve("last");
        populateFileSystem(first);

        migrate("fs:path=" + first, "jdbc:path=" + h2);
        migrate("jdbc:path=" + h2, "fs:path=" + last);

        assertSame("fs", settings("path", first.toString()), "jdbc", settings("path", h2.toString()));
        assertSame("fs", settings("path", first.toString()), "fs", settings("path", last.toString()));
    }

    @Test
    void fileSystemToH2ToPostgresToFileSystem() throws Exception {
        String base = postgresOrSkip();
        String schema = "iw_rt_"
                + HexFormat.of()
                        .toHexDigits(ThreadLocalRandom.current().nextLong())
                        .substring(4);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        admin(base, "CREATE SCHEMA " + schema);
        try {
            Path first = temp.resolve("first");
            Path h2 = temp.resolve("h2");
            Path last = temp.resolve("last");
            populateFileSystem(first);

            migrate("fs:path=" + first, "jdbc:path=" + h2);
            migrate("jdbc:path=" + h2, "jdbc:url=" + url);
            migrate("jdbc:url=" + url, "fs:path=" + last);

            assertSame("fs", settings("path", first.toString()), "jdbc", settings("url", url));
            assertSame("fs", settings("path", first.toString()), "fs", settings("path", last.toString()));

            migrate("fs:path=" + first, "jdbc:url=" + url);
            assertThat(out.toString())
                    .as("running the conversion to PostgreSQL again copies nothing")
                    .contains("1 mailboxes, 0 messages");
        } finally {
            admin(base, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The PostgreSQL base URL; skips the test (fails it when {@code CI=true}) when there is none that answers. */
    private static String postgresOrSkip() {
        String url = System.getenv(POSTGRES_VARIABLE);
        String problem;
        if (url == null || url.isBlank()) {
            problem = POSTGRES_VARIABLE + " is not set";
        } else {
            try (Connection c = DriverManager.getConnection(url.trim())) {
                return url.trim();
            } catch (SQLException e) {
                problem = "cannot connect to the URL in " + POSTGRES_VARIABLE + ": " + e.getMessage();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("the PostgreSQL round trip cannot run with CI=true: " + problem);
        }
        System.err.println("[reference-server] PostgreSQL round trip skipped: " + problem);
        Assumptions.abort("PostgreSQL round trip skipped: " + problem);
        throw new IllegalStateException("unreachable");
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
