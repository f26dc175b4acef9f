package org.icewarp.benchmarks.core.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.icewarp.benchmarks.BenchmarkBase;
import org.icewarp.core.tls.CertificateProvider;
import org.icewarp.core.tls.CertificateRequest;
import org.icewarp.core.tls.ServerCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The certificate choice of a new TLS connection ({@code CertificateProvider.of}, the index the server's own provider
 * uses) among 10 or 1,000 certificates: half exact names ({@code host<i>.example.com}), half wildcards ({@code
 * *.zone<i>.example.net}), ten bound to IP addresses. One operation makes four choices: an exact name, a wildcard
 * name, an unknown name (the default answers) and no SNI. Target: under 1 µs per choice, flat in the number of
 * certificates.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CertificateSelectionBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s</pre>
 */
@State(Scope.Benchmark)
public class CertificateSelectionBenchmark extends BenchmarkBase {

    @Param({"10", "1000"})
    public int certificates;

    private CertificateProvider provider;
    private CertificateRequest exact;
    private CertificateRequest wildcard;
    private CertificateRequest unknown;
    private CertificateRequest noSni;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        List<ServerCertificate> byName = new ArrayList<>();
        for (int i = 0; i < certificates; i++) {
            String name = i % 2 == 0 ? "host" + i + ".example.com" : "*.zone" + i + ".example.net";
            byName.add(ServerCertificate.of(key.getPrivate(), List.of(certificate(key, signer, name, i))));
        }
        ServerCertificate fallback =
                ServerCertificate.of(key.getPrivate(), List.of(certificate(key, signer, "default", -1)));
        Map<InetAddress, ServerCertificate> byAddress = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            byAddress.put(InetAddress.getByName("192.0.2." + (i + 1)), byName.get(i));
        }
        provider = CertificateProvider.of(fallback, byAddress, byName);
        InetAddress local = InetAddress.getByName("198.51.100.7");
        int last = certificates - 1;
        exact = new CertificateRequest("smtp", local, "host" + (last - last % 2) + ".example.com");
        wildcard = new CertificateRequest("smtp", local, "mail.zone" + (last | 1) % certificates + ".example.net");
        unknown = new CertificateRequest("smtp", local, "nobody.example.org");
        noSni = new CertificateRequest("smtp", local, "");
    }

    private static X509Certificate certificate(KeyPair key, ContentSigner signer, String name, int serial)
            throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                new X500Name("CN=" + name),
                BigInteger.valueOf(serial + 2L),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=" + name),
                key.getPublic());
        b.addExtension(
                Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    @Benchmark
    public void fourChoices(Blackhole bh) {
        bh.consume(provider.select(exact));
        bh.consume(provider.select(wildcard));
        bh.consume(provider.select(unknown));
        bh.consume(provider.select(noSni));
    }
}
