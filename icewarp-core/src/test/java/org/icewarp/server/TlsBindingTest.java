package org.icewarp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.config.TlsSettings;
import org.icewarp.core.config.TlsSettings.Engine;
import org.icewarp.core.log.ActivityLog;
import org.icewarp.core.service.Service;
import org.icewarp.core.testing.Client;
import org.icewarp.core.testing.TestPki;
import org.icewarp.core.testing.TestServices;
import org.icewarp.core.testing.TlsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Implicit TLS bindings over real sockets, with the JDK's engine and with OpenSSL. */
class TlsBindingTest {
    private static final TestPki CA = TestPki.ca("Binding CA");

    @TempDir
    Path data;

    private IceWarpServer server;
    private final ListAppender<ILoggingEvent> serviceLog = new ListAppender<>();

    @BeforeEach
    void captureServiceLog() {
        serviceLog.start();
        ((Logger) LoggerFactory.getLogger(ActivityLog.LOGGER_PREFIX + "echo")).addAppender(serviceLog);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ActivityLog.LOGGER_PREFIX + "echo")).detachAppender(serviceLog);
        if (server != null) {
            server.close();
        }
    }

    private static void requireEngine(Engine engine) {
        if (engine == Engine.OPENSSL) {
            assumeTrue(OpenSsl.isAvailable(), "netty-tcnative cannot be loaded here: " + OpenSsl.unavailabilityCause());
        }
    }

    private Service start(Engine engine, TlsSettings.Builder tls, Binding... bindings) {
        ServiceConfig.Builder echo = ServiceConfig.builder("echo");
        for (Binding b : bindings) {
            echo.binding(b);
        }
        server = IceWarpServer.builder()
                .dataDirectory(data)
                .serviceFactory(TestServices.echo("echo", "echo"))
                .serviceFactory(TestServices.echo("other", "other"))
                .config(ServerConfig.builder()
                        .tls(tls.engine(engine)
                                .reloadInterval(Duration.ofMillis(50))
                                .build())
                        .service(echo.build())
                        .service(ServiceConfig.builder("other").ports(0).build())
                        .build())
                .build();
        server.start();
        return server.services().require("echo");
    }

    private static Binding tls(String certificate, boolean requirePeer, String caFile) {
        return new Binding("127.0.0.1", 0, true, certificate, requirePeer, caFile);
    }

    private static int port(Service s, int i) {
        return s.listening().get(i).getPort();
    }

    private List<String> logLines() {
        return serviceLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"JDK", "OPENSSL"})
    void aTlsBindingServesTheProtocolAfterTheHandshake(Engine engine) throws Exception {
        requireEngine(engine);
        Service echo = start(engine, TlsSettings.builder(), tls("", false, ""));
        try (TlsClient c = TlsClient.connect("127.0.0.1", port(echo, 0), null)) {
            assertThat(c.send("ping\n").readLine()).isEqualTo("ping");
            assertThat(c.peerName()).isEqualTo("localhost");
            assertThat(c.protocol()).isEqualTo("TLSv1.3");
        }
        assertThat(server.tls().engine()).isEqualTo(engine.name());
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"JDK", "OPENSSL"})
    void aRequiredPeerCertificateAdmitsTrustedClientsAndRefusesOthersWithTheReason(Engine engine) throws Exception {
        requireEngine(engine);
        Path caFile = TestPki.write(data.resolve("clients-ca.pem"), TestPki.certificates(List.of(CA.certificate())));
        Service echo = start(engine, TlsSettings.builder(), tls("", true, caFile.toString()));
        TestPki.Issued trusted = CA.issue("alice");
        try (TlsClient c = TlsClient.connect("127.0.0.1", port(echo, 0), null, trusted.keyManager(), List.of())) {
            assertThat(c.send("hi\n").readLine()).isEqualTo("hi");
        }
        TestPki.Issued stranger = TestPki.ca("Other CA").issue("mallory");
        assertThat(refused(port(echo, 0), null)).isTrue();
        assertThat(refused(port(echo, 0), stranger.keyManager())).isTrue();
        await().untilAsserted(
                        () -> assertThat(echo.stats().rejectedConnections()).isEqualTo(2));
        await().untilAsserted(() -> assertThat(logLines())
                .filteredOn(l -> l.contains("refused during the TLS handshake"))
                .hasSize(2));
    }

    @Test
    void theCaStoreVerifiesPeersWhenTheBindingNamesNoCaFile() throws Exception {
        Service echo = start(Engine.JDK, TlsSettings.builder(), tls("", true, ""));
        TestPki.Issued client = CA.issue("bob");
        assertThat(refused(port(echo, 0), client.keyManager())).isTrue();
        server.tls().caStore().add(CA.certificate());
        server.tls().poll();
        try (TlsClient c = TlsClient.connect("127.0.0.1", port(echo, 0), null, client.keyManager(), List.of())) {
            assertThat(c.send("in\n").readLine()).isEqualTo("in");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"JDK", "OPENSSL"})
    void aReplacedCertificateFileServesNewConnectionsWhileOldOnesStayOpen(Engine engine) throws Exception {
        requireEngine(engine);
        Path file = TestPki.write(
                data.resolve("certs/site.pem"),
                CA.issue("first.test", "first.test").mergedPem());
        Service echo = start(engine, TlsSettings.builder(), tls("certs/site.pem", false, ""));
        try (TlsClient old = TlsClient.connect("127.0.0.1", port(echo, 0), null)) {
            assertThat(old.peerName()).isEqualTo("first.test");
            TestPki.write(file, CA.issue("second.test", "second.test").mergedPem());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (TlsClient fresh = TlsClient.connect("127.0.0.1", port(echo, 0), null)) {
                    assertThat(fresh.peerName()).isEqualTo("second.test");
                }
            });
            assertThat(old.send("still here\n").readLine()).isEqualTo("still here");
            assertThat(old.peerName()).isEqualTo("first.test");
        }
    }

    @Test
    void aBrokenReplacementKeepsThePreviousCertificate() throws Exception {
        Path file = TestPki.write(
                data.resolve("keep.pem"), CA.issue("kept.test", "kept.test").mergedPem());
        Service echo = start(Engine.JDK, TlsSettings.builder(), tls("keep.pem", false, ""));
        Files.writeString(file, "garbage\n");
        server.tls().poll();
        try (TlsClient c = TlsClient.connect("127.0.0.1", port(echo, 0), null)) {
            assertThat(c.peerName()).isEqualTo("kept.test");
        }
    }

    @Test
    void aBrokenCertificateKeepsOnlyItsBindingClosed() throws Exception {
        TestPki.write(
                data.resolve("expired.pem"),
                CA.issue(
                                TestPki.ec(),
                                "old.test",
                                java.time.Instant.now().minus(Duration.ofDays(9)),
                                java.time.Instant.now().minus(Duration.ofDays(1)),
                                "old.test")
                        .mergedPem());
        Service echo =
                start(Engine.JDK, TlsSettings.builder(), tls("expired.pem", false, ""), Binding.plain("127.0.0.1", 0));
        assertThat(echo.listening()).hasSize(1);
        try (Client c = Client.connect(port(echo, 0))) {
            assertThat(c.echo("plain\n")).isEqualTo("plain\n");
        }
        assertThat(server.services().require("other").listening()).hasSize(1);
        assertThat(logLines())
                .anySatisfy(l -> assertThat(l)
                        .contains("is not opened")
                        .contains("expired.pem")
                        .contains("expired on"));
    }

    @Test
    void switchingTlsOffLeavesTlsBindingsClosedAndStartTlsUnoffered() throws Exception {
        Service echo = start(
                Engine.JDK, TlsSettings.builder().enabled(false), tls("", false, ""), Binding.plain("127.0.0.1", 0));
        assertThat(echo.listening()).hasSize(1);
        assertThat(server.tls().enabled()).isFalse();
        server.apply(server.config().toBuilder()
                .tls(server.config().tls().toBuilder().enabled(true).build())
                .build());
        assertThat(echo.listening()).hasSize(2);
        try (TlsClient c = TlsClient.connect("127.0.0.1", port(echo, 0), null)) {
            assertThat(c.send("on\n").readLine()).isEqualTo("on");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"JDK", "OPENSSL"})
    void aTls11ClientIsRefusedAndTls12IsServed(Engine engine) throws Exception {
        requireEngine(engine);
        Service echo = start(engine, TlsSettings.builder(), tls("", false, ""));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port(echo, 0)), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(tls11ClientHello());
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            int first = in.read();
            // an alert (21) or a plain close; never a ServerHello (22)
            assertThat(first).isIn(21, -1);
        }
        try (TlsClient c = TlsClient.connect("127.0.0.1", port(echo, 0), null, null, List.of("TLSv1.2"))) {
            assertThat(c.protocol()).isEqualTo("TLSv1.2");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"JDK", "OPENSSL"})
    void aClientThatDoesNotFinishTheHandshakeInTimeIsDisconnected(Engine engine) throws Exception {
        requireEngine(engine);
        Service echo =
                start(engine, TlsSettings.builder().handshakeTimeout(Duration.ofMillis(300)), tls("", false, ""));
        // one client sends nothing, the other half a ClientHello: both hold a connection until the timeout
        byte[] hello = tls11ClientHello();
        for (int sent : new int[] {0, hello.length / 2}) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port(echo, 0)), 5_000);
                s.setSoTimeout(30_000);
                s.getOutputStream().write(hello, 0, sent);
                s.getOutputStream().flush();
                long start = System.nanoTime();
                assertThat(s.getInputStream().read())
                        .as("closed by the server after %s bytes", sent)
                        .isIn(21, -1);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("not before the timeout")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(100)); // 300 ms less scheduling slack
            }
        }
        try (TlsClient c = TlsClient.connect("127.0.0.1", port(echo, 0), null)) {
            assertThat(c.send("ping\n").readLine())
                    .as("a client that finishes in time")
                    .isEqualTo("ping");
        }
    }

    /** Whether the server refuses this client: during the handshake, or (TLS 1.3) on the client's first read. */
    private static boolean refused(int port, javax.net.ssl.KeyManagerFactory km) {
        try (TlsClient c = TlsClient.connect("127.0.0.1", port, null, km, List.of())) {
            c.send("hi\n");
            return c.readLine() == null;
        } catch (IOException e) {
            return true;
        }
    }

    /** A minimal TLS 1.1 ClientHello (RFC 4346 7.4.1.2): two ECDHE CBC suites, no extensions. */
    static byte[] tls11ClientHello() {
        byte[] hello = new byte[5 + 4 + 43];
        int i = 0;
        hello[i++] = 0x16; // handshake record
        hello[i++] = 0x03;
        hello[i++] = 0x01;
        hello[i++] = 0x00;
        hello[i++] = 47; // record length
        hello[i++] = 0x01; // client_hello
        hello[i++] = 0x00;
        hello[i++] = 0x00;
        hello[i++] = 43; // body length
        hello[i++] = 0x03;
        hello[i++] = 0x02; // TLS 1.1
        for (int r = 0; r < 32; r++) {
            hello[i++] = (byte) (r * 7 + 1); // random
        }
        hello[i++] = 0x00; // no session id
        hello[i++] = 0x00;
        hello[i++] = 0x04;
        hello[i++] = (byte) 0xc0;
        hello[i++] = 0x09;
        hello[i++] = (byte) 0xc0;
        hello[i++] = 0x13;
        hello[i++] = 0x01; // one compression method
        hello[i++] = 0x00; // null
        return hello;
    }
}
