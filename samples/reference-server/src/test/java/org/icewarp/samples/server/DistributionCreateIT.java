package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthResult;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.CredentialService;
import org.icewarp.core.auth.Mechanism;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/icewarp tool create domain|account} from the unpacked distribution, as a user trying the server runs
 * them: against fs storage while the server runs, against embedded H2 that the running server holds, and without a
 * terminal. Runs after {@code package} (failsafe).
 */
class DistributionCreateIT {
    private static final Path DIST = Path.of(System.getProperty("icewarp.distribution", "target/icewarp-server"));
    private static final Path LAUNCHER = DIST.resolve("bin/icewarp");
    private static final String SECRET = "correct horse battery staple";

    @TempDir
    Path temp;

    /** The shipped configuration with accounts, mailboxes and queue in one store of {@code provider}. */
    private Path configurationWithStorage(String provider, Path path) throws IOException {
        Path copy = temp.resolve("icewarp.yaml");
        String shipped = Files.readString(DIST.resolve("conf/icewarp.yaml"));
        String shippedStore = "{ provider: fs, options: { path: \"${sys:icewarp.data}/mail\" } }";
        assertThat(shipped).contains("accounts:  " + shippedStore);
        String store = "{ provider: " + provider + ", options: { path: \"" + path + "\" } }";
        Files.writeString(copy, shipped.replace(shippedStore, store));
        return copy;
    }

    private static Map<String, String> onLoopbackWithAFreePort() {
        return Map.of(
                "ICEWARP_SYSTEM_SERVICES_ALL_IP",
                "127.0.0.1",
                "ICEWARP_SYSTEM_SERVICES_DAYTIME_PORTS",
                "0",
                "ICEWARP_SYSTEM_SERVICES_SMTP_PORTS",
                "0");
    }

    private static LauncherProcess startServer(Path config, Path data) throws IOException {
        LauncherProcess server = LauncherProcess.start(
                LAUNCHER, onLoopbackWithAFreePort(), "start", "--config", config.toString(), "--data", "" + data);
        server.awaitOutputLine(l -> l.contains("ready"));
        return server;
    }

    /** Runs a tool to its end, with {@code input} on its standard input; returns the exit code. */
    private static int tool(LauncherProcess tool, String input) throws Exception {
        tool.input(input);
        return tool.awaitExit();
    }

    private static void stop(LauncherProcess server) throws InterruptedException {
        server.terminate();
        assertThat(server.awaitExit()).as(server.stderr()).isIn(0, 143);
        assertThat(server.stdout()).contains("icewarp stopped cleanly");
    }

    @Test
    void onFsStorageDomainAndAccountAreCreatedWhileTheServerRunsAndTheAccountLogsIn() throws Exception {
        Path mail = temp.resolve("mail");
        Path config = configurationWithStorage("fs", mail);
        try (LauncherProcess server = startServer(config, temp.resolve("data"))) {
            try (LauncherProcess domain = LauncherProcess.start(
                    LAUNCHER, Map.of(), "tool", "create", "domain", "example.com", "--config", "" + config)) {
                assertThat(tool(domain, "")).as(domain.stderr()).isZero();
                assertThat(domain.stdout()).contains("created domain example.com");
            }
            try (LauncherProcess account = LauncherProcess.start(
                    LAUNCHER,
                    Map.of(),
                    "tool",
                    "create",
                    "account",
                    "john@example.com",
                    "--full-name",
                    "John Smith",
                    "--quota",
                    "500M",
                    "--password-stdin",
                    "--config",
                    "" + config)) {
                assertThat(tool(account, SECRET + "\n")).as(account.stderr()).isZero();
                assertThat(account.stdout()).contains("created account john@example.com (John Smith)");
                assertThat(account.stderr())
                        .contains("note: a server already running", "after it restarts")
                        .doesNotContain(SECRET, "Exception");
            }
            assertThat(server.stderr()).as("the running server is undisturbed").doesNotContain("ERROR", "WARN");
            stop(server);
        }

        ServerConfig c = ServerConfig.load(config);
        StorageSettings fs = StorageSettings.of(Options.of(Map.of("path", mail.toString())));
        EmailAddress john = EmailAddress.parse("john@example.com");
        try (AccountStore accounts = RoundTripMailbox.provider("fs").openAccounts(fs);
                MailboxStore mailboxes = RoundTripMailbox.provider("fs").openMailboxes(fs);
                Authenticator authenticator = Authenticator.builder(accounts)
                        .settings(c.auth())
                        .credentials(CredentialService.create(c.passwords()))
                        .serviceLoader(false)
                        .build()) {
            assertThat(accounts.findAccount(john).orElseThrow().quotaBytes()).isEqualTo(500L << 20);
            assertThat(mailboxes.folders(john)).extracting(Folder::name).contains(FolderName.INBOX);
            AuthResult result = authenticator
                    .authenticate(AuthRequest.password(
                            "imap",
                            InetAddress.getLoopbackAddress(),
                            "IT",
                            true,
                            "john@example.com",
                            Mechanism.PLAIN,
                            SECRET))
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void onEmbeddedH2HeldByTheRunningServerTheToolNamesTheLockedFileAndChangesNothing() throws Exception {
        Path db = temp.resolve("db");
        Path config = configurationWithStorage("jdbc", db);
        try (LauncherProcess server = startServer(config, temp.resolve("data"))) {
            try (LauncherProcess domain = LauncherProcess.start(
                    LAUNCHER, Map.of(), "tool", "create", "domain", "example.com", "--config", "" + config)) {
                assertThat(tool(domain, "")).as(domain.stderr()).isEqualTo(1);
                assertThat(domain.stderr())
                        .contains(
                                "icewarp: create domain: the accounts store is in use by another process",
                                db.resolve("icewarp.mv.db").toString(),
                                "Stop the server")
                        .doesNotContain("\tat ");
            }
            stop(server);
        }
        try (LauncherProcess domain = LauncherProcess.start(
                LAUNCHER, Map.of(), "tool", "create", "domain", "example.com", "--config", "" + config)) {
            assertThat(tool(domain, "")).as(domain.stderr()).isZero();
        }
        try (LauncherProcess account = LauncherProcess.start(
                LAUNCHER,
                Map.of(),
                "tool",
                "create",
                "account",
                "john@example.com",
                "--password-stdin",
                "--config",
                "" + config)) {
            assertThat(tool(account, SECRET)).as(account.stderr()).isZero();
        }
    }

    @Test
    void withoutATerminalAndWithoutPasswordStdinTheToolRefusesClearly() throws Exception {
        Path config = configurationWithStorage("fs", temp.resolve("mail"));
        try (LauncherProcess domain = LauncherProcess.start(
                LAUNCHER, Map.of(), "tool", "create", "domain", "example.com", "--config", "" + config)) {
            assertThat(tool(domain, "")).as(domain.stderr()).isZero();
        }
        try (LauncherProcess account = LauncherProcess.start(
                LAUNCHER, Map.of(), "tool", "create", "account", "john@example.com", "--config", "" + config)) {
            assertThat(tool(account, SECRET + "\n")).isEqualTo(2);
            assertThat(account.stderr()).contains("no console to ask for the password", "--password-stdin");
        }
    }

    @Test
    void memoryStorageIsRefusedWithAnExplanation() throws Exception {
        try (LauncherProcess domain = LauncherProcess.start(
                LAUNCHER,
                Map.of("ICEWARP_SYSTEM_STORAGE_ACCOUNTS_PROVIDER", "memory"),
                "tool",
                "create",
                "domain",
                "example.com",
                "--data",
                temp.resolve("data").toString())) {
            assertThat(tool(domain, "")).isEqualTo(2);
            assertThat(domain.stderr()).contains("system.storage.accounts.provider is 'memory'", "fs or jdbc");
        }
        assertThat(temp.resolve("data")).as("nothing written").doesNotExist();
    }
}
