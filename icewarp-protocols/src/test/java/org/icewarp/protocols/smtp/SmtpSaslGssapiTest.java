package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.protocols.smtp.SmtpSaslServer.HOST;
import static org.icewarp.protocols.smtp.SmtpSaslServer.JOHN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
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
import javax.security.sasl.SaslException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.apache.kerby.util.NetworkUtil;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GSSAPI (RFC 4752) through SMTP AUTH: a Kerberos KDC (Apache Kerby) in the test JVM on a free port, the service key
 * {@code smtp/mx.example.com@EXAMPLE.COM} exported to a keytab that the server reads, and the JDK's GSSAPI SASL client
 * running under the {@link Subject} of a JAAS password login. The realm maps to {@code example.com}, so the principal
 * {@code john@EXAMPLE.COM} is the account {@code john@example.com}.
 */
class SmtpSaslGssapiTest {
    private static final String REALM = "EXAMPLE.COM";
    private static final String SERVICE = "smtp/" + HOST + "@" + REALM;

    @TempDir
    static Path dir;

    private static SimpleKdcServer kdc;
    private static Path keytab;

    private SmtpSaslLogs logs;
    private SmtpSaslServer server;
    private final SmtpSaslWire wire = new SmtpSaslWire();

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
        kdc.createPrincipal("john@" + REALM, "kerberos-john");
        // a principal the KDC knows but the mail server has no account for
        kdc.createPrincipal("stranger@" + REALM, "kerberos-stranger");
        keytab = dir.resolve("smtp.keytab");
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
        // one Kerberos configuration per JVM: the client logins and the server's acceptor share it
        System.setProperty("java.security.krb5.conf", conf.toString());
    }

    @AfterAll
    static void stopKdc() throws Exception {
        if (kdc != null) {
            kdc.stop();
        }
        System.clearProperty("java.security.krb5.conf");
    }

    @BeforeEach
    void start() {
        logs = new SmtpSaslLogs();
        server = SmtpSaslServer.options()
                .enable("GSSAPI")
                .sasl(b -> b.gssapi(new SaslSettings.Gssapi("", SERVICE, keytab, Map.of(REALM, "example.com"))))
                .start();
    }

    @AfterEach
    void stop() {
        try {
            server.close();
            List<String> secrets = new ArrayList<>(List.of("kerberos-john", "kerberos-stranger"));
            secrets.addAll(wire.payloads());
            logs.assertNoneContains(secrets);
        } finally {
            logs.close();
        }
    }

    private static Subject login(String user, String password) throws Exception {
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
        LoginContext context = new LoginContext(
                "smtp-test-client",
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
        context.login();
        return context.getSubject();
    }

    @SuppressWarnings("removal") // Subject.doAs; Subject.callAs needs Java 18
    private static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws SaslException {
        try {
            return Subject.doAs(subject, action);
        } catch (java.security.PrivilegedActionException e) {
            throw new SaslException("GSSAPI client step failed", e.getException());
        }
    }

    /** The JDK's GSSAPI client, every step run as {@code subject} (where its Kerberos tickets are). */
    private static SaslClient gssapi(Subject subject, String authzid) throws Exception {
        SaslClient jdk = as(
                subject,
                () -> Sasl.createSaslClient(
                        new String[] {"GSSAPI"}, authzid, "smtp", HOST, Map.of(Sasl.QOP, "auth"), null));
        return new SaslClient() {
            @Override
            public String getMechanismName() {
                return jdk.getMechanismName();
            }

            @Override
            public boolean hasInitialResponse() {
                return jdk.hasInitialResponse();
            }

            @Override
            public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
                return as(subject, () -> jdk.evaluateChallenge(challenge));
            }

            @Override
            public boolean isComplete() {
                return jdk.isComplete();
            }

            @Override
            public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
                return jdk.unwrap(incoming, offset, len);
            }

            @Override
            public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
                return jdk.wrap(outgoing, offset, len);
            }

            @Override
            public Object getNegotiatedProperty(String propName) {
                return jdk.getNegotiatedProperty(propName);
            }

            @Override
            public void dispose() throws SaslException {
                jdk.dispose();
            }
        };
    }

    private static String codeAndText(SmtpTestClient.Reply r) {
        return r.code() + " " + r.text();
    }

    @Test
    void kerberosTicketLogsInAsTheRealmsAccount() throws Exception {
        Subject john = login("john", "kerberos-john");
        try (SmtpTestClient c = server.connect()) {
            assertThat(c.command("EHLO client.example").expect(250).lines())
                    .anySatisfy(l -> assertThat(l).startsWith("AUTH ").contains("GSSAPI"));
            assertThat(codeAndText(wire.authenticate(c, gssapi(john, null), true)))
                    .startsWith("235 2.7.0");
            c.command("MAIL FROM:<" + JOHN + ">").expect(250);
            c.command("RCPT TO:<friend@remote.example>").expect(250);
        }
        assertThat(logs.auth())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("127.0.0.1 [")
                        .endsWith("Authentication [SMTP] - Result=1, User=" + JOHN + ", Method=13"));
    }

    @Test
    void withoutInitialResponseTheServerAsksWithAnEmptyChallenge() throws Exception {
        Subject john = login("john", "kerberos-john");
        try (SmtpTestClient c = server.connect()) {
            c.command("EHLO client.example").expect(250);
            assertThat(codeAndText(wire.authenticate(c, gssapi(john, null), false)))
                    .startsWith("235 2.7.0");
        }
    }

    @Test
    void aValidTicketForAPrincipalWithoutAccountIsRefused() throws Exception {
        Subject stranger = login("stranger", "kerberos-stranger");
        try (SmtpTestClient c = server.connect()) {
            c.command("EHLO client.example").expect(250);
            assertThat(codeAndText(wire.authenticate(c, gssapi(stranger, null), true)))
                    .startsWith("535 5.7.8");
        }
        assertThat(logs.auth())
                .anySatisfy(l -> assertThat(l).endsWith("Result=0, User=stranger@example.com, Method=13"));
    }

    @Test
    void asAnotherUserWithoutProxyRightsAndAForgedTokenAreRefused() throws Exception {
        Subject john = login("john", "kerberos-john");
        try (SmtpTestClient c = server.connect()) {
            c.command("EHLO client.example").expect(250);
            assertThat(codeAndText(wire.authenticate(c, gssapi(john, "jane@example.com"), true)))
                    .startsWith("535 5.7.8");
            // an ASN.1 application tag followed by nonsense: not a Kerberos AP-REQ
            SmtpTestClient.Reply forged = c.command("AUTH GSSAPI YAECAw==");
            assertThat(codeAndText(forged)).startsWith("535 5.7.8");
        }
    }
}
