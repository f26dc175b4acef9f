package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthResult;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.CredentialService;
import org.icewarp.core.auth.Mechanism;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.StoreChoice;
import org.icewarp.server.IceWarpServer;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Credential;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.Folder;
import org.icewarp.storage.FolderName;
import org.icewarp.storage.MailboxStore;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageProvider;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code icewarp tool create domain|account} in-process, over file-system and embedded H2 storage. */
class CreateCommandTest {
    private static final EmailAddress JOHN = EmailAddress.parse("john@example.com");
    private static final String SECRET = "correct horse battery staple";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    /** What the command reads as standard input, and the console it is given (none unless a test sets one). */
    private InputStream stdin = InputStream.nullInputStream();

    private Optional<PasswordInput.Prompt> console = Optional.empty();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = IceWarpCommand.commandLine(new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                return cls == CreateAccountCommand.class
                        ? (K) new CreateAccountCommand(stdin, () -> console)
                        : defaults.create(cls);
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("tool", "create"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private int runWithStdin(String input, String... args) {
        stdin = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        return run(args);
    }

    /** A configuration with accounts and mailboxes in one fs store, and cheap password settings. */
    private Path fsConfig() throws IOException {
        return config("fs", "path: " + temp.resolve("mail"), "");
    }

    private Path config(String provider, String options, String passwordExtra) throws IOException {
        Path file = temp.resolve("icewarp.yaml");
        String store = "{ provider: " + provider + ", options: { " + options + " } }";
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "system:",
                        "  auth:",
                        "    password:",
                        "      algorithm: pbkdf2-sha256",
                        "      pbkdf2: { iterations: 1000 }",
                        "      scram: { iterations: 2000 }",
                        passwordExtra,
                        "  storage:",
                        "    accounts: " + store,
                        "    mailboxes: " + store,
                        "    queue: " + store,
                        ""));
        return file;
    }

    private Path memoryConfig() throws IOException {
        Path file = temp.resolve("memory.yaml");
        Files.writeString(file, "system:\n  server-id: \"\"\n");
        return file;
    }

    private static StorageProvider provider(String id) {
        return ServiceLoader.load(StorageProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static StorageSettings settings(StoreChoice choice) {
        return StorageSettings.of(Options.of(choice.options()));
    }

    /** Opens the configured account store afresh, as a server starting now would. */
    private static AccountStore accounts(ServerConfig config) {
        return provider(config.accounts().provider()).openAccounts(settings(config.accounts()));
    }

    private static MailboxStore mailboxes(ServerConfig config) {
        return provider(config.mailboxes().provider()).openMailboxes(settings(config.mailboxes()));
    }

    /** A PLAIN login over TLS through the core authenticator with the configuration's settings. */
    private static AuthResult login(AccountStore accounts, ServerConfig config, String login, String password)
            throws Exception {
        try (Authenticator authenticator = Authenticator.builder(accounts)
                .settings(config.auth())
                .credentials(CredentialService.create(config.passwords()))
                .serviceLoader(false)
                .build()) {
            return login(authenticator, login, password);
        }
    }

    private static AuthResult login(Authenticator authenticator, String login, String password) throws Exception {
        return authenticator
                .authenticate(AuthRequest.password(
                        "imap", InetAddress.getLoopbackAddress(), "T1", true, login, Mechanism.PLAIN, password))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    private static String record(Account account, String scheme) {
        return account.credentials().stream()
                .filter(c -> c.scheme().equals(scheme))
                .map(Credential::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + scheme + " record in " + account.credentials()));
    }

    // ---- domains

    @Test
    void createDomainWritesTheDomainWithItsAliasesToTheConfiguredStore() throws Exception {
        Path config = fsConfig();

        int code = run("domain", "Example.COM", "--alias", "example.org,example.net", "--config", config.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("created domain example.com with aliases example.net, example.org");
        try (AccountStore accounts = accounts(ServerConfig.load(config))) {
            assertThat(accounts.findDomain("example.com"))
                    .map(Domain::aliases)
                    .hasValueSatisfying(a -> assertThat(a).containsExactlyInAnyOrder("example.org", "example.net"));
        }
    }

    @Test
    void createDomainThatExistsFailsWithExitThreeAndSaysSo() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();

        assertThat(run("domain", "example.com", "--config", config.toString())).isEqualTo(StoreTool.EXIT_EXISTS);
        assertThat(err.toString()).contains("icewarp: create domain: domain example.com already exists");
    }

    @Test
    void createDomainWhoseAliasIsAnotherDomainsAliasFailsWithExitThree() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--alias", "example.org", "--config", config.toString()))
                .isZero();

        int code = run("domain", "other.com", "--alias", "example.org", "--config", config.toString());

        assertThat(code).isEqualTo(StoreTool.EXIT_EXISTS);
        assertThat(err.toString()).contains("example.org already exists as an alias of domain example.com");
        try (AccountStore accounts = accounts(ServerConfig.load(config))) {
            assertThat(accounts.findDomain("other.com")).isEmpty();
        }
    }

    @Test
    void createDomainWithAnInvalidNameFailsWithExitTwoNamingTheValue() throws Exception {
        Path config = fsConfig();

        assertThat(run("domain", "exa_mple..com", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("NAME: invalid domain name", "'exa_mple..com'");

        assertThat(run("domain", "example.com", "--alias", "-bad-", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--alias: invalid domain name", "'-bad-'");
        assertThat(temp.resolve("mail"))
                .as("nothing opened for an invalid name")
                .doesNotExist();
    }

    @Test
    void memoryStorageIsRefusedNamingTheKeyBecauseNothingWouldReachTheServer() throws Exception {
        Path config = memoryConfig();

        assertThat(run("domain", "example.com", "--config", config.toString())).isEqualTo(2);

        assertThat(err.toString())
                .contains("system.storage.accounts.provider is 'memory'", config.toString(), "fs or jdbc");
    }

    @Test
    void aBadConfigurationFailsWithExitTwoNamingTheKey() throws Exception {
        Path config = fsConfig();
        Files.writeString(config, Files.readString(config).replace("iterations: 1000", "iterations: 5"));

        assertThat(run("domain", "example.com", "--config", config.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("configuration error", "system.auth.password.pbkdf2.iterations");
    }

    @Test
    void withoutAnObjectTypeCreatePrintsItsUsageAndExitsWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("domain", "account");
    }

    // ---- accounts

    @Test
    void accountWithPasswordFromStdinIsAuthenticatedByTheCoreAuthenticatorAndHasItsInbox() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();

        int code = runWithStdin(
                SECRET + "\n",
                "account",
                "john@example.com",
                "--full-name",
                "John Smith",
                "--quota",
                "500M",
                "--password-stdin",
                "--config",
                config.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("created account john@example.com (John Smith)", "password records password, scram-sha-1");
        ServerConfig c = ServerConfig.load(config);
        try (AccountStore accounts = accounts(c);
                MailboxStore mail = mailboxes(c)) {
            Account john = accounts.findAccount(JOHN).orElseThrow();
            assertThat(john.fullName()).isEqualTo("John Smith");
            assertThat(john.quotaBytes()).isEqualTo(500L * 1024 * 1024);
            assertThat(mail.folders(JOHN)).extracting(Folder::name).contains(FolderName.INBOX);

            assertThat(login(accounts, c, "john@example.com", SECRET)).isInstanceOf(AuthResult.Success.class);
            assertThat(login(accounts, c, "john@example.com", SECRET + "!")).isInstanceOf(AuthResult.Failure.class);
        }
    }

    @Test
    void passwordRecordsFollowTheConfiguredPasswordSettings() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();

        assertThat(runWithStdin(SECRET, "account", "john@example.com", "--password-stdin", "--config", "" + config))
                .as(err.toString())
                .isZero();

        try (AccountStore accounts = accounts(ServerConfig.load(config))) {
            Account john = accounts.findAccount(JOHN).orElseThrow();
            assertThat(record(john, CredentialService.PASSWORD)).startsWith("$pbkdf2-sha256$i=1000$");
            assertThat(record(john, CredentialService.SCRAM_SHA_1)).startsWith("2000:");
            assertThat(record(john, CredentialService.SCRAM_SHA_256)).startsWith("2000:");
            assertThat(john.credentials()).extracting(Credential::scheme).doesNotContain(CredentialService.REVERSIBLE);
            assertThat(john.quotaBytes()).as("0 = unlimited by default").isZero();
        }
    }

    @Test
    void aReversibleRecordIsWrittenWhenTheConfigurationEnablesItAndWorksForTheAddressGivenInADomainAlias()
            throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Path config = config(
                "fs", "path: " + temp.resolve("mail"), "      reversible: { enabled: true, key: \"" + key + "\" }");
        assertThat(run("domain", "example.com", "--alias", "example.org", "--config", config.toString()))
                .isZero();

        assertThat(runWithStdin(
                        SECRET + "\r\n", "account", "john@example.org", "--password-stdin", "--config", "" + config))
                .as(err.toString())
                .isZero();

        ServerConfig c = ServerConfig.load(config);
        try (AccountStore accounts = accounts(c)) {
            Account john = accounts.findAccount(JOHN).orElseThrow();
            assertThat(CredentialService.create(c.passwords()).stored(john).reversibleSecret())
                    .as("the reversible secret, bound to the canonical address; CR LF ends the line")
                    .contains(SECRET);
            assertThat(login(accounts, c, "john@example.org", SECRET)).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void anAccountInEmbeddedH2IsAuthenticatedLikeOneOnTheFileSystem() throws Exception {
        Path config = config("jdbc", "path: " + temp.resolve("db"), "");
        assertThat(run("domain", "example.com", "--config", config.toString()))
                .as(err.toString())
                .isZero();

        assertThat(runWithStdin(SECRET, "account", "john@example.com", "--password-stdin", "--config", "" + config))
                .as(err.toString())
                .isZero();

        ServerConfig c = ServerConfig.load(config);
        try (AccountStore accounts = accounts(c);
                MailboxStore mail = mailboxes(c)) {
            assertThat(mail.folders(JOHN)).extracting(Folder::name).contains(FolderName.INBOX);
            assertThat(login(accounts, c, "john@example.com", SECRET)).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void anAccountInAMissingDomainFailsWithExitFourAndCreatesNothing() throws Exception {
        Path config = fsConfig();

        int code = runWithStdin(SECRET, "account", "john@example.com", "--password-stdin", "--config", "" + config);

        assertThat(code).isEqualTo(StoreTool.EXIT_NO_DOMAIN);
        assertThat(err.toString())
                .contains("domain example.com does not exist", "icewarp tool create domain example.com");
        try (MailboxStore mail = mailboxes(ServerConfig.load(config))) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> mail.folders(JOHN)))
                    .as("no mailbox was made")
                    .isInstanceOf(org.icewarp.storage.NotFoundException.class);
        }
    }

    @Test
    void anExistingAccountFailsWithExitThreeAndKeepsItsPassword() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();
        assertThat(runWithStdin(SECRET, "account", "john@example.com", "--password-stdin", "--config", "" + config))
                .isZero();

        int code = runWithStdin("other", "account", "John@Example.com", "--password-stdin", "--config", "" + config);

        assertThat(code).isEqualTo(StoreTool.EXIT_EXISTS);
        assertThat(err.toString()).contains("John@example.com already exists (account john@example.com)");
        ServerConfig c = ServerConfig.load(config);
        try (AccountStore accounts = accounts(c)) {
            assertThat(login(accounts, c, "john@example.com", SECRET)).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void anInvalidAddressFailsWithExitTwoNamingTheValue() throws Exception {
        Path config = fsConfig();

        assertThat(runWithStdin(SECRET, "account", "john.example.com", "--password-stdin", "--config", "" + config))
                .isEqualTo(2);
        assertThat(err.toString()).contains("ADDRESS: invalid address", "'john.example.com'");

        assertThat(runWithStdin(SECRET, "account", "jo hn@example.com", "--password-stdin", "--config", "" + config))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'jo hn'");
    }

    @Test
    void aBadQuotaFailsWithExitTwoNamingTheValue() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();

        int code = runWithStdin(
                SECRET, "account", "john@example.com", "--quota", "5X", "--password-stdin", "--config", "" + config);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--quota: '5X' is not a size");
    }

    @Test
    void withoutAConsoleAndWithoutPasswordStdinTheToolRefusesAndSaysHowToGiveIt() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();

        assertThat(run("account", "john@example.com", "--config", config.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).contains("no console to ask for the password", "--password-stdin");
        try (AccountStore accounts = accounts(ServerConfig.load(config))) {
            assertThat(accounts.findAccount(JOHN)).isEmpty();
        }
    }

    @Test
    void thePasswordIsNeverAnArgument() throws Exception {
        Path config = fsConfig();

        assertThat(run("account", "john@example.com", "--password", SECRET, "--config", config.toString()))
                .isEqualTo(2);
        assertThat(run("account", "john@example.com", SECRET, "--config", config.toString()))
                .isEqualTo(2);
    }

    @Test
    void anEmptyStandardInputCreatesNothing() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();

        assertThat(runWithStdin("", "account", "john@example.com", "--password-stdin", "--config", "" + config))
                .isEqualTo(2);
        assertThat(err.toString()).contains("standard input is empty");
        assertThat(runWithStdin("\n", "account", "john@example.com", "--password-stdin", "--config", "" + config))
                .isEqualTo(2);
        assertThat(err.toString()).contains("the password is empty");

        try (AccountStore accounts = accounts(ServerConfig.load(config))) {
            assertThat(accounts.findAccount(JOHN)).isEmpty();
        }
    }

    @Test
    void theConsoleIsAskedTwiceWithoutTheArgumentAndTheAccountCreated() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();
        List<String> prompts = new ArrayList<>();
        Deque<String> typed = new ArrayDeque<>(List.of(SECRET, SECRET));
        console = Optional.of(p -> {
            prompts.add(p);
            return typed.isEmpty() ? null : typed.poll().toCharArray();
        });

        assertThat(run("account", "john@example.com", "--config", config.toString()))
                .as(err.toString())
                .isZero();

        assertThat(prompts).containsExactly("New password for john@example.com: ", "Repeat the password: ");
        ServerConfig c = ServerConfig.load(config);
        try (AccountStore accounts = accounts(c)) {
            assertThat(login(accounts, c, "john@example.com", SECRET)).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void twoDifferentPasswordsAtThePromptCreateNothing() throws Exception {
        Path config = fsConfig();
        assertThat(run("domain", "example.com", "--config", config.toString())).isZero();
        Deque<String> typed = new ArrayDeque<>(List.of(SECRET, SECRET + "x"));
        console = Optional.of(p -> typed.poll().toCharArray());

        assertThat(run("account", "john@example.com", "--config", config.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).contains("the two passwords differ");
        try (AccountStore accounts = accounts(ServerConfig.load(config))) {
            assertThat(accounts.findAccount(JOHN)).isEmpty();
        }
    }

    @Test
    void anH2DatabaseLockedByAnotherProcessIsRecognised() {
        SQLException h2 = new SQLException(
                "Database may be already in use: \"/var/db/icewarp.mv.db\". Possible solutions: close all other"
                        + " connection(s); use the server mode [90020-232]",
                "90020",
                90020);

        assertThat(ConfiguredStores.lockedByAnotherProcess(new StorageUnavailableException("cannot open", h2)))
                .isTrue();
        assertThat(ConfiguredStores.lockedByAnotherProcess(
                        new StorageUnavailableException("cannot open", new SQLException("refused", "08001", 0))))
                .isFalse();
    }

    // ---- while the server runs

    @Test
    void onFsStorageTheToolWritesWhileTheServerRunsAndTheServerSeesTheAccountAfterARestart() throws Exception {
        Path config = fsConfig();
        ServerConfig c = ServerConfig.load(config);
        Path data = temp.resolve("data");
        try (IceWarpServer running =
                IceWarpServer.builder().configFile(config).dataDirectory(data).build()) {
            running.start();

            assertThat(run("domain", "example.com", "--config", config.toString()))
                    .as(err.toString())
                    .isZero();
            assertThat(runWithStdin(SECRET, "account", "john@example.com", "--password-stdin", "--config", "" + config))
                    .as(err.toString())
                    .isZero();
            assertThat(err.toString()).contains("note: a server already running on fs:path=", "after it restarts");

            try (AccountStore fresh = accounts(c)) {
                assertThat(login(fresh, c, "john@example.com", SECRET))
                        .as("a store opened now sees the account")
                        .isInstanceOf(AuthResult.Success.class);
            }
            assertThat(login(running.authenticator(), "john@example.com", SECRET))
                    .as("the running server's fs account store indexed its files at start (documented)")
                    .isInstanceOf(AuthResult.Failure.class);
        }
        try (IceWarpServer restarted =
                IceWarpServer.builder().configFile(config).dataDirectory(data).build()) {
            restarted.start();
            assertThat(login(restarted.authenticator(), "john@example.com", SECRET))
                    .isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void onPostgresTheRunningServerAuthenticatesAnAccountTheToolCreatedWithoutARestart() throws Exception {
        String base = postgresOrSkip();
        String schema = "iw_cli_"
                + java.util.HexFormat.of()
                        .toHexDigits(
                                java.util.concurrent.ThreadLocalRandom.current().nextLong())
                        .substring(4);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        admin(base, "CREATE SCHEMA " + schema);
        try {
            // Accounts in the database, mail on disk: the seed's own default split.
            Path config = temp.resolve("pg.yaml");
            String accounts = "{ provider: jdbc, options: { url: \"" + url + "\" } }";
            String files = "{ provider: fs, options: { path: \"" + temp.resolve("mail") + "\" } }";
            Files.writeString(
                    config,
                    "system:\n  storage:\n    accounts: " + accounts + "\n    mailboxes: " + files + "\n    queue: "
                            + files + "\n");
            try (IceWarpServer running = IceWarpServer.builder()
                    .configFile(config)
                    .dataDirectory(temp.resolve("data"))
                    .build()) {
                running.start();

                assertThat(run("domain", "example.com", "--config", config.toString()))
                        .as(err.toString())
                        .isZero();
                assertThat(runWithStdin(
                                SECRET, "account", "john@example.com", "--password-stdin", "--config", "" + config))
                        .as(err.toString())
                        .isZero();
                assertThat(err.toString()).as("no restart needed, so no note").doesNotContain("note:");

                // Within the lookup cache's bound (lookup-cache.ttl); nothing was looked up before, so at once here.
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(15))
                        .untilAsserted(() -> assertThat(login(running.authenticator(), "john@example.com", SECRET))
                                .isInstanceOf(AuthResult.Success.class));
            }
        } finally {
            admin(base, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The PostgreSQL of {@code ICEWARP_TEST_POSTGRES_URL}; skips without it (fails with {@code CI=true}). */
    private static String postgresOrSkip() {
        String url = System.getenv("ICEWARP_TEST_POSTGRES_URL");
        String problem;
        if (url == null || url.isBlank()) {
            problem = "ICEWARP_TEST_POSTGRES_URL is not set";
        } else {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url.trim())) {
                return url.trim();
            } catch (SQLException e) {
                problem = "cannot connect to the URL in ICEWARP_TEST_POSTGRES_URL: " + e.getMessage();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("the PostgreSQL test cannot run with CI=true: " + problem);
        }
        System.err.println("[reference-server] tool create on PostgreSQL skipped: " + problem);
        org.junit.jupiter.api.Assumptions.abort("skipped: " + problem);
        throw new IllegalStateException("unreachable");
    }

    private static void admin(String url, String sql) throws SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void sizesAreParsedInBinaryUnits() {
        assertThat(ByteSize.parse("0")).isZero();
        assertThat(ByteSize.parse("1000")).isEqualTo(1000);
        assertThat(ByteSize.parse("500M")).isEqualTo(500L << 20);
        assertThat(ByteSize.parse("2g")).isEqualTo(2L << 30);
        assertThat(ByteSize.parse("1TB")).isEqualTo(1L << 40);
        assertThat(ByteSize.parse("64KiB")).isEqualTo(64L << 10);
        assertThat(Map.of("-1", 0, "5X", 0, "", 0, "99999999999T", 0))
                .allSatisfy((text, ignored) -> assertThat(
                                org.assertj.core.api.Assertions.catchThrowable(() -> ByteSize.parse(text)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'" + text + "'"));
    }
}
