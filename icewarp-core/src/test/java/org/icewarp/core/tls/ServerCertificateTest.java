package org.icewarp.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.icewarp.core.testing.TestPki;
import org.icewarp.core.tls.CertificateFileException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files in every shape the server reads, and every way one can be broken. */
class ServerCertificateTest {
    private static final TestPki CA = TestPki.ca("Test CA");

    @TempDir
    Path dir;

    private static TestPki.Issued issued(java.security.KeyPair k, String cn) {
        return CA.issue(
                k, cn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(9)), cn);
    }

    @Test
    void aMergedFileWithAnRsaPkcs1KeyFirstIsRead() {
        TestPki.Issued i = issued(TestPki.rsa(), "rsa.example.com");
        Path f = TestPki.write(dir.resolve("merged.pem"), TestPki.pkcs1(i.key()) + TestPki.certificates(i.chain()));
        ServerCertificate c = ServerCertificate.load(f);
        assertThat(c.leaf()).isEqualTo(i.certificate());
        assertThat(c.chain()).hasSize(2);
        assertThat(c.names()).contains("rsa.example.com");
        assertThat(c.key().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void aMergedFileWithAnEcPkcs8KeyIsRead() {
        TestPki.Issued i = issued(TestPki.ec(), "ec.example.com");
        ServerCertificate c = ServerCertificate.load(TestPki.write(dir.resolve("ec.pem"), i.mergedPem()));
        assertThat(c.key().getAlgorithm()).isEqualTo("EC");
        assertThat(c.leaf()).isEqualTo(i.certificate());
    }

    @Test
    void anEcPkcs1KeyAndAnRsaPkcs8KeyAreRead() {
        TestPki.Issued ec = issued(TestPki.ec(), "a.example.com");
        TestPki.Issued rsa = issued(TestPki.rsa(), "b.example.com");
        assertThat(ServerCertificate.load(TestPki.write(
                                dir.resolve("a.pem"), TestPki.pkcs1(ec.key()) + TestPki.certificates(ec.chain())))
                        .names())
                .contains("a.example.com");
        assertThat(ServerCertificate.load(TestPki.write(
                                dir.resolve("b.pem"), TestPki.pkcs8(rsa.key()) + TestPki.certificates(rsa.chain())))
                        .names())
                .contains("b.example.com");
    }

    @Test
    void keyAndChainInTwoFilesAreRead() {
        TestPki.Issued i = issued(TestPki.ec(), "two.example.com");
        Path key = TestPki.write(dir.resolve("key.pem"), TestPki.pkcs8(i.key()));
        Path chain = TestPki.write(dir.resolve("chain.pem"), TestPki.certificates(i.chain()));
        assertThat(ServerCertificate.load(key, chain).leaf()).isEqualTo(i.certificate());
    }

    @Test
    void theLeafIsFoundWhereverItStandsInTheFile() {
        TestPki.Issued i = issued(TestPki.ec(), "order.example.com");
        Path f = TestPki.write(
                dir.resolve("order.pem"),
                TestPki.certificates(List.of(CA.certificate(), i.certificate())) + TestPki.pkcs8(i.key()));
        assertThat(ServerCertificate.load(f).chain()).containsExactly(i.certificate(), CA.certificate());
    }

    @Test
    void aPassphraseProtectedKeyIsRefusedByName() {
        TestPki.Issued i = issued(TestPki.rsa(), "p.example.com");
        Path legacy = TestPki.write(
                dir.resolve("legacy.pem"), TestPki.encryptedPkcs1(i.key()) + TestPki.certificates(i.chain()));
        Path pkcs8 = TestPki.write(
                dir.resolve("pkcs8.pem"), TestPki.encryptedPkcs8(i.key()) + TestPki.certificates(i.chain()));
        for (Path f : List.of(legacy, pkcs8)) {
            assertThatThrownBy(() -> ServerCertificate.load(f))
                    .isInstanceOfSatisfying(
                            CertificateFileException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.PASSPHRASE_PROTECTED))
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("passphrase");
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        TestPki.Issued i = issued(TestPki.ec(), "m.example.com");
        Path f = TestPki.write(
                dir.resolve("mismatch.pem"),
                TestPki.pkcs8(TestPki.ec().getPrivate()) + TestPki.certificates(i.chain()));
        assertThatThrownBy(() -> ServerCertificate.load(f))
                .isInstanceOfSatisfying(
                        CertificateFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.KEY_MISMATCH))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("does not match");
    }

    @Test
    void aCorruptFileIsRefused() {
        TestPki.Issued i = issued(TestPki.ec(), "c.example.com");
        String pem = i.mergedPem();
        int middle = pem.indexOf("-----BEGIN CERTIFICATE-----") + 40;
        Path damaged = TestPki.write(
                dir.resolve("damaged.pem"), pem.substring(0, middle) + "%%%%" + pem.substring(middle + 4));
        Path notPem = TestPki.write(dir.resolve("text.pem"), "this is not a certificate\n");
        Path truncated = TestPki.write(dir.resolve("truncated.pem"), pem.substring(0, pem.length() - 40));
        for (Path f : List.of(damaged, notPem, truncated)) {
            assertThatThrownBy(() -> ServerCertificate.load(f))
                    .as(f.toString())
                    .isInstanceOfSatisfying(
                            CertificateFileException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.CORRUPT))
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("corrupt");
        }
    }

    @Test
    void anExpiredCertificateIsRefused() {
        TestPki.Issued old = CA.issue(
                TestPki.ec(),
                "old.example.com",
                Instant.now().minus(Duration.ofDays(20)),
                Instant.now().minus(Duration.ofDays(1)),
                "old.example.com");
        Path f = TestPki.write(dir.resolve("old.pem"), old.mergedPem());
        assertThatThrownBy(() -> ServerCertificate.load(f))
                .isInstanceOfSatisfying(
                        CertificateFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.EXPIRED))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("expired on");
    }

    @Test
    void aFileWithoutKeyOrWithoutCertificateIsRefused() {
        TestPki.Issued i = issued(TestPki.ec(), "n.example.com");
        Path noKey = TestPki.write(dir.resolve("nokey.pem"), TestPki.certificates(i.chain()));
        Path noCertificate = TestPki.write(dir.resolve("nocert.pem"), TestPki.pkcs8(i.key()));
        assertThatThrownBy(() -> ServerCertificate.load(noKey))
                .isInstanceOfSatisfying(
                        CertificateFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NO_KEY))
                .hasMessageContaining(noKey.toString());
        assertThatThrownBy(() -> ServerCertificate.load(noCertificate))
                .isInstanceOfSatisfying(
                        CertificateFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NO_CERTIFICATE))
                .hasMessageContaining(noCertificate.toString());
        assertThatThrownBy(() -> ServerCertificate.load(dir.resolve("missing.pem")))
                .isInstanceOfSatisfying(
                        CertificateFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNREADABLE))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theDefaultCertificateIsMadeOnceAndKeptOwnerOnly() throws Exception {
        Path f = dir.resolve("config").resolve(DefaultCertificate.FILE_NAME);
        ServerCertificate first = DefaultCertificate.loadOrCreate(f, Instant.now());
        ServerCertificate second = DefaultCertificate.loadOrCreate(f, Instant.now());
        assertThat(second.leaf()).isEqualTo(first.leaf());
        assertThat(first.names()).contains("localhost");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
    }
}
