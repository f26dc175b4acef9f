package org.icewarp.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.auth.sasl.SaslHarness.await;
import static org.icewarp.core.auth.sasl.SaslHarness.challengeOf;
import static org.icewarp.core.auth.sasl.SaslHarness.reason;
import static org.icewarp.core.auth.sasl.SaslHarness.success;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.apache.kerby.util.NetworkUtil;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.sasl.SaslStep.Failure.Reason;
import org.icewarp.core.log.LogLevel;
import org.icewarp.storage.Account;
import org.icewarp.storage.AccountState;
import org.icewarp.storage.AccountStore;
import org.icewarp.storage.Domain;
import org.icewarp.storage.Options;
import org.icewarp.storage.StorageSettings;
import org.icewarp.storage.memory.MemoryStorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * GSSAPI end to end: a real KDC (Apache Kerby) in the test JVM on a free port, the service key exported to a keytab
 * in a temporary folder, the JDK's GSSAPI client logged in with a password, and the server side reading only the
 * keytab through the JAAS configuration it builds itself.
 */
class GssapiKerberosTest {
    private static final String REALM = "EXAMPLE.COM";
    private static final String SERVICE = "imap/" + SaslHarness.HOST + "@" + REALM;

    @TempDir
    static Path dir;

    private static SimpleKdcServer kdc;
    private static Path keytab;

    private final SaslHarness harness = new SaslHarness();

    @BeforeAll
    static void startKdc() throws Exception {
        kdc = new SimpleKdcServer();
        kdc.setWorkDir(dir.toFile());
        kdc.setKdcRealm(REALM);
        kdc.setKdcHost("localhost");
        kdc.setAllowUdp(false);
        kdc.setAllowTcp(true);
        int port = NetworkUtil.getServerPort();
        kdc.setKdcTcpPort(port);
        kdc.init();
        kdc.start();
        kdc.createPrincipal("john@" + REALM, "secret");
        kdc.createPrincipal("stranger@" + REALM, "secret");
        keytab = dir.resolve("server.keytab");
        kdc.createAndExportPrincipals(keytab.toFile(), SERVICE);
        Path conf = dir.resolve("krb5-test.conf");
        Files.writeString(conf, """
                [libdefaults]
                    default_realm = %s
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    dns_canonicalize_hostname = false
                    rdns = false
                    udp_preference_limit = 1
                [realms]
                    %s = {
                        kdc = localhost:%d
                    }
                """.formatted(REALM, REALM, port));
        // The JDK reads one Kerberos configuration per JVM; clients and the server in this test share it.
        System.setProperty("java.security.krb5.conf", conf.toString());
    }

    @AfterAll
    static void stopKdc() throws Exception {
        if (kdc != null) {
            kdc.stop();
        }
        System.clearProperty("java.security.krb5.conf");
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private static SaslSettings settings(String principal) {
        return SaslSettings.builder()
                .enable("GSSAPI")
                .gssapi(new SaslSettings.Gssapi("", principal, keytab))
                .build();
    }

    private static Subject clientLogin(String user, String password) throws Exception {
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {
                    new AppConfigurationEntry(
                            "com.sun.security.auth.module.Krb5LoginModule",
                            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                            Map.of(
                                    "principal", user + "@" + REALM,
                                    "useTicketCache", "false",
                                    "refreshKrb5Config", "true"))
                };
            }
        };
        LoginContext login = new LoginContext(
                "test-client",
                new Subject(),
                callbacks -> {
                    for (var cb : callbacks) {
                        if (cb instanceof NameCallback n) {
                            n.setName(user + "@" + REALM);
                        } else if (cb instanceof PasswordCallback p) {
                            p.setPassword(password.toCharArray());
                        }
                    }
                },
                config);
        login.login();
        return login.getSubject();
    }

    @SuppressWarnings("removal") // Subject.doAs; Subject.callAs needs Java 18
    private static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        return Subject.doAs(subject, action);
    }

    /** Runs the exchange with the JDK's GSSAPI client; returns the final step. */
    private SaslStep run(SaslSettings settings, String user, String authzid, boolean initialResponse) throws Exception {
        return run(harness.exchange("GSSAPI", settings, false), user, authzid, initialResponse);
    }

    private SaslStep run(SaslExchange exchange, String user, String authzid, boolean initialResponse) throws Exception {
        Subject subject = clientLogin(user, "secret");
        SaslClient client = as(
                subject,
                () -> Sasl.createSaslClient(
                        new String[] {"GSSAPI"}, authzid, "imap", SaslHarness.HOST, Map.of(Sasl.QOP, "auth"), null));
        byte[] first = as(subject, () -> client.evaluateChallenge(new byte[0]));
        SaslStep step;
        if (initialResponse) {
            step = await(exchange.start(first));
        } else {
            assertThat(challengeOf(await(exchange.start()))).isEmpty();
            step = await(exchange.respond(first));
        }
        while (!step.done()) {
            byte[] challenge = challengeOf(step);
            byte[] response = as(subject, () -> client.evaluateChallenge(challenge));
            step = await(exchange.respond(response == null ? new byte[0] : response));
        }
        return step;
    }

    @Test
    void kerberosClientLogsInAndIsMappedToItsAccount() throws Exception {
        harness.backend.principal("john@" + REALM, "john@example.com");
        SaslStep.Success ok = success(run(settings(SERVICE), "john", null, true));
        assertThat(ok.authenticationId()).isEqualTo("john@example.com");
        assertThat(ok.authorizationId()).isEqualTo("john@example.com");
        assertThat(ok.mechanism()).isEqualTo("GSSAPI");
    }

    /** A real authenticator over the in-memory store, with the realm map sending EXAMPLE.COM to {@code mail.t.org}. */
    private Authenticator authenticator(AccountStore store) {
        return Authenticator.builder(store)
                .settings(AuthSettings.builder().logLevel(LogLevel.DEBUG).build())
                .sasl(SaslSettings.builder()
                        .enable("GSSAPI")
                        .gssapi(new SaslSettings.Gssapi("", SERVICE, keytab, Map.of(REALM, "mail.t.org")))
                        .build())
                .serviceLoader(false)
                .build();
    }

    private SaslExchange exchange(Authenticator auth) {
        SaslSettings settings = auth.saslSettings();
        SaslContext context = new SaslContext(
                "imap",
                SaslHarness.HOST,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000),
                false,
                settings,
                auth.saslBackend("imap", "5C"),
                harness.worker);
        return harness.mechanisms.find("GSSAPI", settings, false).orElseThrow().newExchange(context);
    }

    private static AccountStore store() {
        AccountStore store = new MemoryStorageProvider().openAccounts(StorageSettings.of(Options.EMPTY));
        store.createDomain(Domain.of("mail.t.org"));
        store.createAccount(Account.of("john@mail.t.org"));
        store.createAccount(Account.of("stranger@mail.t.org").withState(AccountState.DISABLED));
        return store;
    }

    private static List<String> authLog(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void kerberosLoginThroughTheAuthenticatorReachesTheRealmsAccountAndIsLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("icewarp.log.auth");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (Authenticator auth = authenticator(store())) {
            SaslStep.Success ok = success(run(exchange(auth), "john", null, true));
            assertThat(ok.authenticationId()).isEqualTo("john@mail.t.org");
            assertThat(authLog(appender))
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("127.0.0.1 [5C] ")
                            .endsWith("Authentication [IMAP] - Result=1, User=john@mail.t.org, Method=13"));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void kerberosLoginOfADisabledAccountIsWrongCredentialsAndCounted() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("icewarp.log.auth");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (Authenticator auth = authenticator(store())) {
            assertThat(reason(run(exchange(auth), "stranger", null, true))).isEqualTo(Reason.WRONG_CREDENTIALS);
            assertThat(authLog(appender))
                    .anySatisfy(
                            l -> assertThat(l)
                                    .endsWith(
                                            "Login policy [IMAP] - increased failed login count to 1, user=stranger@mail.t.org"))
                    .anySatisfy(l -> assertThat(l)
                            .endsWith("Authentication [IMAP] - Result=0, User=stranger@mail.t.org, Method=13"));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void anyKeyInTheKeytabServesWithoutInitialResponse() throws Exception {
        harness.backend.principal("john@" + REALM, "john@example.com");
        success(run(settings("*"), "john", null, false));
    }

    @Test
    void principalWithoutAccountIsWrongCredentials() throws Exception {
        assertThat(reason(run(settings(SERVICE), "stranger", null, true))).isEqualTo(Reason.WRONG_CREDENTIALS);
    }

    @Test
    void authzidOfAnotherUserIsNotAuthorized() throws Exception {
        harness.backend.principal("john@" + REALM, "john@example.com");
        assertThat(reason(run(settings(SERVICE), "john", "jane@example.com", true)))
                .isEqualTo(Reason.NOT_AUTHORIZED);
    }

    @Test
    void garbageTokenIsWrongCredentialsAndEmptyTokenMalformed() {
        SaslExchange garbage = harness.exchange("GSSAPI", settings(SERVICE), false);
        assertThat(reason(await(garbage.start(new byte[] {0x60, 0x01, 0x02, 0x03}))))
                .isEqualTo(Reason.WRONG_CREDENTIALS);
        SaslExchange empty = harness.exchange("GSSAPI", settings(SERVICE), false);
        assertThat(reason(await(empty.start(new byte[0])))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void missingKeytabIsTemporaryNotAnException() {
        SaslSettings broken = SaslSettings.builder()
                .enable("GSSAPI")
                .gssapi(new SaslSettings.Gssapi("", SERVICE, dir.resolve("missing.keytab")))
                .build();
        assertThat(reason(await(harness.exchange("GSSAPI", broken, false).start(new byte[] {0x60}))))
                .isEqualTo(Reason.TEMPORARY);
    }
}
