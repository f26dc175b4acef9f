package org.icewarp.benchmarks.core.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.core.config.TlsSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full TLS 1.3 handshakes per second between a server and a client engine in memory (no sockets), with the server's
 * policy (TLS 1.3/1.2, the default cipher list) and an EC P-256 certificate like the generated {@code [Default]}: the
 * server engine is {@code JDK} or {@code OPENSSL} (BoringSSL through netty-tcnative), the client is the same engine.
 * What it measures is the engines' CPU cost per handshake, the part the server pays for each new TLS connection.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar HandshakeBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark extends BenchmarkBase {

    @Param({"JDK", "OPENSSL"})
    public String engine;

    private SslContext server;
    private SslContext client;

    @Setup
    public void setUp() throws Exception {
        SslProvider provider = SslProvider.valueOf(engine);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=localhost");
        X509Certificate c = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                Date.from(now.minus(Duration.ofDays(1))),
                                Date.from(now.plus(Duration.ofDays(30))),
                                name,
                                key.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        server = SslContextBuilder.forServer(key.getPrivate(), c)
                .sslProvider(provider)
                .protocols(TlsSettings.DEFAULT_PROTOCOLS)
                .ciphers(TlsSettings.DEFAULT_CIPHERS, io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE)
                .build();
        client = SslContextBuilder.forClient()
                .sslProvider(provider)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols(TlsSettings.DEFAULT_PROTOCOLS)
                .build();
    }

    @Benchmark
    public boolean handshake() throws Exception {
        SSLEngine s = server.newEngine(ByteBufAllocator.DEFAULT);
        SSLEngine c = client.newEngine(ByteBufAllocator.DEFAULT);
        try {
            s.setUseClientMode(false);
            c.setUseClientMode(true);
            ByteBuffer empty = ByteBuffer.allocate(0);
            ByteBuffer app = ByteBuffer.allocate(c.getSession().getApplicationBufferSize() + 1024);
            ByteBuffer toServer = ByteBuffer.allocate(c.getSession().getPacketBufferSize() + 1024);
            ByteBuffer toClient = ByteBuffer.allocate(s.getSession().getPacketBufferSize() + 1024);
            c.beginHandshake();
            s.beginHandshake();
            for (int round = 0; round < 50; round++) {
                step(c, empty, toServer, toClient, app);
                step(s, empty, toClient, toServer, app);
                if (done(c) && done(s) && toServer.position() == 0 && toClient.position() == 0) {
                    return true;
                }
            }
            throw new IllegalStateException(
                    "handshake did not finish: " + c.getHandshakeStatus() + "/" + s.getHandshakeStatus());
        } finally {
            ReferenceCountUtil.release(s);
            ReferenceCountUtil.release(c);
        }
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus h = e.getHandshakeStatus();
        return h == HandshakeStatus.NOT_HANDSHAKING || h == HandshakeStatus.FINISHED;
    }

    /** One turn of an engine: read what the peer sent, run delegated tasks, write what it has to say. */
    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer app)
            throws Exception {
        in.flip();
        while (in.hasRemaining()) {
            app.clear();
            var r = e.unwrap(in, app);
            runTasks(e);
            if (r.bytesConsumed() == 0 && r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
                break;
            }
            if (r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        // wrap until the engine has nothing more to say: an OpenSSL engine may hold its last flight while it already
        // reports NOT_HANDSHAKING
        for (int i = 0; i < 8; i++) {
            var r = e.wrap(empty, out);
            runTasks(e);
            if (r.bytesProduced() == 0 && e.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                break;
            }
        }
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable t; (t = e.getDelegatedTask()) != null; ) {
            t.run();
        }
    }
}
