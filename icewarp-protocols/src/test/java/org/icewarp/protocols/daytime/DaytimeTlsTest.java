package org.icewarp.protocols.daytime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.CertificateEntry;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.config.TlsSettings;
import org.icewarp.core.config.TlsSettings.Engine;
import org.icewarp.server.IceWarpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed's certificate choice over real TLS connections to Daytime behind implicit TLS: exact name, wildcard, the
 * most specific of both, the default, an IP-bound certificate, no SNI; with the JDK's engine, OpenSSL, and {@code
 * openssl s_client} as the client where it is installed.
 */
class DaytimeTlsTest {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    @TempDir
    Path data;

    private IceWarpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Writes a self-signed EC certificate with its key (PKCS#8, key first) and returns the file name. */
    private String pem(String cn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(
                new X500Name("CN=" + cn),
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=" + cn),
                k.getPublic());
        b.addExtension(
                Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, cn)));
        X509Certificate c = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
        String name = cn.replace("*", "star") + ".pem";
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(data.resolve(name)))) {
            w.writeObject(new JcaPKCS8Generator(k.getPrivate(), null));
            w.writeObject(c);
        }
        return name;
    }

    private int start(Engine engine) throws Exception {
        TlsSettings tls = TlsSettings.builder()
                .engine(engine)
                .defaultCertificate(pem("default.test"))
                .certificate(CertificateEntry.byName(pem("*.icewarp.test")))
                .certificate(CertificateEntry.byName(pem("server.icewarp.test")))
                .certificate(CertificateEntry.byName(pem("mail.example.test")))
                .certificate(CertificateEntry.byAddress("127.0.0.2", pem("bound.test")))
                .build();
        server = IceWarpServer.builder()
                .dataDirectory(data)
                .config(ServerConfig.builder()
                        .tls(tls)
                        .service(ServiceConfig.builder("daytime")
                                .binding(new Binding("*", 0, true, "", false, ""))
                                .build())
                        .build())
                .build();
        server.start();
        return server.services().require("daytime").listening().get(0).getPort();
    }

    /** Connects with the JDK's client, returns the CN of the certificate presented after reading the time line. */
    private static String presented(String ip, int port, String sni) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(ip, port), 5_000);
            plain.setSoTimeout(10_000);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, ip, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            s.setSSLParameters(p);
            s.startHandshake();
            String line = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(line).endsWith("-UTC\r\n");
            String dn = ((X509Certificate) s.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
            return dn.substring(dn.indexOf("CN=") + 3).split(",")[0];
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"JDK", "OPENSSL"})
    void sniChoosesTheMostSpecificCertificate(Engine engine) throws Exception {
        if (engine == Engine.OPENSSL) {
            assumeTrue(OpenSsl.isAvailable(), "netty-tcnative cannot be loaded here");
        }
        int port = start(engine);
        assertThat(presented("127.0.0.1", port, "mail.example.test")).isEqualTo("mail.example.test");
        assertThat(presented("127.0.0.1", port, "other.icewarp.test")).isEqualTo("*.icewarp.test");
        assertThat(presented("127.0.0.1", port, "server.icewarp.test")).isEqualTo("server.icewarp.test");
        assertThat(presented("127.0.0.1", port, "a.b.icewarp.test")).isEqualTo("default.test");
        assertThat(presented("127.0.0.1", port, "unknown.test")).isEqualTo("default.test");
        assertThat(presented("127.0.0.1", port, null)).isEqualTo("default.test");
        assertThat(presented("127.0.0.2", port, null)).isEqualTo("bound.test");
        assertThat(presented("127.0.0.2", port, "server.icewarp.test")).isEqualTo("bound.test");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String sClient(int port, String sni) throws IOException, InterruptedException {
        List<String> cmd =
                new java.util.ArrayList<>(List.of("openssl", "s_client", "-ign_eof", "-connect", "127.0.0.1:" + port));
        if (sni != null) {
            cmd.addAll(List.of("-servername", sni));
        } else {
            cmd.add("-noservername");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        InputStream in = p.getInputStream();
        String out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void opensslSClientSeesTheCertificateItAsksFor() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed; skipping the openssl s_client test");
        int port = start(Engine.AUTO);
        assertThat(sClient(port, "server.icewarp.test"))
                .contains("CN = server.icewarp.test")
                .contains("-UTC");
        assertThat(sClient(port, "x.icewarp.test")).contains("CN = *.icewarp.test");
        assertThat(sClient(port, null)).contains("CN = default.test");
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
