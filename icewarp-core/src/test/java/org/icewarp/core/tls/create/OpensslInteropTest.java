package org.icewarp.core.tls.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What this package writes, read by the {@code openssl} command line tool, when it is installed. */
class OpensslInteropTest {
    private static final CertificateCreator CREATOR = CertificateCreator.create();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenssl() {
        boolean found = onPath("openssl");
        if (!found) {
            System.err.println("OpensslInteropTest: openssl is not on PATH; skipping the openssl checks");
        }
        assumeTrue(found, "openssl is not on PATH; skipping the openssl checks");
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int code, String output) {}

    private Result openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static CertificateSpec.Builder spec(KeyType type) {
        return CertificateSpec.builder()
                .keyType(type)
                .commonName("mail.example.com")
                .country("CZ")
                .organization("Example Ltd.")
                .email("postmaster@example.com")
                .subjectAltNames(SubjectAltName.parseList("DNS:imap.example.com,IP:192.0.2.1"));
    }

    @Test
    void opensslVerifiesTheSigningRequestAndReadsItsKey() throws Exception {
        SigningRequest csr = CREATOR.signingRequest(spec(KeyType.RSA_2048).build());
        csr.write(dir.resolve("csr.pem"), dir.resolve("key.pem"), ExistingFile.FAIL);

        Result verify = openssl("req", "-in", "csr.pem", "-noout", "-verify", "-text");
        assertThat(verify.code()).as(verify.output()).isZero();
        assertThat(verify.output())
                .contains("verify OK")
                .contains("CN = mail.example.com")
                .contains("DNS:mail.example.com, DNS:imap.example.com, IP Address:192.0.2.1")
                .contains("TLS Web Server Authentication");
        Result key = openssl("pkey", "-in", "key.pem", "-noout");
        assertThat(key.code()).as(key.output()).isZero();
    }

    @Test
    void opensslReadsTheSelfSignedCertificate() throws Exception {
        IssuedCertificate cert =
                CREATOR.selfSigned(spec(KeyType.EC_P384).days(30).build());
        cert.writeSeparate(dir.resolve("cert.pem"), dir.resolve("key.pem"), ExistingFile.FAIL);
        cert.writeMerged(dir.resolve("merged.pem"), ExistingFile.FAIL);

        Result text = openssl("x509", "-in", "cert.pem", "-noout", "-text");
        assertThat(text.code()).as(text.output()).isZero();
        assertThat(text.output())
                .contains(
                        "Subject: C = CZ, O = Example Ltd., CN = mail.example.com, emailAddress = postmaster@example.com")
                .contains("CA:FALSE")
                .contains("Digital Signature")
                .contains("TLS Web Server Authentication")
                .contains("DNS:mail.example.com, DNS:imap.example.com, IP Address:192.0.2.1")
                .contains("ecdsa-with-SHA384");
        Result selfCheck = openssl("verify", "-CAfile", "cert.pem", "cert.pem");
        assertThat(selfCheck.output()).contains("cert.pem: OK");
        Result merged = openssl("x509", "-in", "merged.pem", "-noout", "-subject");
        assertThat(merged.output()).contains("CN = mail.example.com");
        Result key = openssl("pkey", "-in", "merged.pem", "-noout");
        assertThat(key.code()).as(key.output()).isZero();
    }

    @Test
    void opensslVerifiesAChainThroughAnIntermediate() throws Exception {
        IssuedCertificate root = CREATOR.selfSigned(CertificateSpec.builder()
                .keyType(KeyType.RSA_2048)
                .commonName("Example Root CA")
                .certificateAuthority(true)
                .days(3650)
                .build());
        IssuedCertificate intermediate = CREATOR.signedBy(
                CertificateSpec.builder()
                        .keyType(KeyType.EC_P384)
                        .commonName("Example Issuing CA")
                        .certificateAuthority(true)
                        .days(1000)
                        .build(),
                root);
        IssuedCertificate leaf = CREATOR.signedBy(spec(KeyType.EC_P256).days(90).build(), intermediate);
        Files.writeString(dir.resolve("root.pem"), Pem.certificates(root.chain()));
        Files.writeString(dir.resolve("inter.pem"), Pem.certificates(List.of(intermediate.certificate())));
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificates(List.of(leaf.certificate())));

        Result ok = openssl(
                "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "-purpose", "sslserver", "leaf.pem");
        assertThat(ok.output()).contains("leaf.pem: OK");
        Result missing = openssl("verify", "-CAfile", "root.pem", "leaf.pem");
        assertThat(missing.code()).isNotZero();
    }
}
