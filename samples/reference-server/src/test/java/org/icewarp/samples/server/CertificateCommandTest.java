package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code icewarp tool certificate create} in-process: the files it writes and its usage errors. */
class CertificateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = IceWarpCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "tool";
        all[1] = "certificate";
        all[2] = "create";
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.execute(all);
    }

    private boolean posix() {
        return temp.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static X509Certificate certificate(String pem) throws Exception {
        String block = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] der(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----") + label.length() + 16;
        return Base64.getMimeDecoder().decode(pem.substring(start, pem.indexOf("-----END " + label + "-----")));
    }

    @Test
    void createsASelfSignedCertificateInTheSeedsMergedFile() throws Exception {
        Path file = temp.resolve("mail.pem");

        int code = run(
                "--cn",
                "mail.example.com",
                "--san",
                "DNS:imap.example.com,IP:192.0.2.1",
                "--key-type",
                "ec",
                "--days",
                "30",
                "--country",
                "cz",
                "--state",
                "Prague",
                "--city",
                "Prague",
                "--org",
                "Example Ltd.",
                "--unit",
                "IT",
                "--email",
                "postmaster@example.com",
                "--self-signed",
                "--out",
                file.toString());

        assertThat(code).as(err.toString()).isZero();
        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate cert = certificate(pem);
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal())
                .isEqualTo(new X500Principal("EMAILADDRESS=postmaster@example.com,CN=mail.example.com,OU=IT,"
                        + "O=Example Ltd.,L=Prague,ST=Prague,C=CZ"));
        assertThat(cert.getSubjectAlternativeNames())
                .containsExactly(
                        List.of(2, "mail.example.com"), List.of(2, "imap.example.com"), List.of(7, "192.0.2.1"));
        assertThat(Duration.between(
                        cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(30));
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        if (posix()) {
            assertThat(permissions(file)).isEqualTo("rw-------");
        }
        assertThat(out.toString())
                .contains("self-signed certificate for EMAILADDRESS=postmaster@example.com, CN=mail.example.com")
                .contains("alt names:   DNS:mail.example.com, DNS:imap.example.com, IP:192.0.2.1")
                .contains("SHA-256:     ")
                .contains(file + " (private key, then certificate; owner-only)");
    }

    @Test
    void keyOutPutsTheKeyInItsOwnOwnerOnlyFile() throws Exception {
        Path cert = temp.resolve("cert.pem");
        Path key = temp.resolve("key.pem");

        int code = run(
                "--cn",
                "mail.example.com",
                "--bits",
                "2048",
                "--self-signed",
                "--out",
                cert.toString(),
                "--key-out",
                key.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(cert))
                .startsWith("-----BEGIN CERTIFICATE-----")
                .doesNotContain("PRIVATE");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(certificate(Files.readString(cert)).getSigAlgName()).isEqualTo("SHA256withRSA");
        if (posix()) {
            assertThat(permissions(key)).isEqualTo("rw-------");
            assertThat(permissions(cert)).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void createsASigningRequestAndItsKey() throws Exception {
        Path csrFile = temp.resolve("public.pem");
        Path key = temp.resolve("private.pem");

        int code = run(
                "--cn",
                "mail.example.com",
                "--san",
                "DNS:smtp.example.com",
                "--san",
                "email:a@example.com",
                "--key-type",
                "EC",
                "--bits",
                "384",
                "--org",
                "Example",
                "--csr",
                "--out",
                csrFile.toString(),
                "--key-out",
                key.toString());

        assertThat(code).as(err.toString()).isZero();
        PKCS10CertificationRequest csr =
                new PKCS10CertificationRequest(der(Files.readString(csrFile), "CERTIFICATE REQUEST"));
        // The JDK's key factory, not one looked up by OID (no Bouncy Castle provider is installed).
        PublicKey publicKey = KeyFactory.getInstance("EC")
                .generatePublic(
                        new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey)))
                .isTrue();
        assertThat(new X500Principal(csr.getSubject().getEncoded()))
                .isEqualTo(new X500Principal("CN=mail.example.com,O=Example"));
        assertThat(GeneralNames.fromExtensions(csr.getRequestedExtensions(), Extension.subjectAlternativeName)
                        .getNames())
                .hasSize(3);
        if (posix()) {
            assertThat(permissions(key)).isEqualTo("rw-------");
        }
        assertThat(out.toString()).contains("signing request for CN=mail.example.com, O=Example", "send this file");
    }

    @Test
    void existingFilesAreKeptUnlessForced() throws Exception {
        Path file = temp.resolve("mail.pem");
        Files.writeString(file, "old");

        assertThat(run("--cn", "a.example", "--key-type", "ec", "--self-signed", "--out", file.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--out: " + file + " exists; use --force to replace it");
        assertThat(Files.readString(file)).isEqualTo("old");

        assertThat(run("--cn", "a.example", "--key-type", "ec", "--self-signed", "--out", file.toString(), "--force"))
                .as(err.toString())
                .isZero();
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    private void usageError(String option, String text, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (!all.contains("--out")) {
            all.addAll(List.of("--out", temp.resolve("x.pem").toString()));
        }
        assertThat(run(all.toArray(String[]::new))).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains(option).contains(text).doesNotContain("Exception");
        assertThat(temp.resolve("x.pem")).doesNotExist();
    }

    @Test
    void badFieldsAreUsageErrorsNamingTheOption() {
        usageError(
                "--country: 'CZE' is not a two-letter country code",
                "",
                "--cn",
                "a.example",
                "--country",
                "CZE",
                "--self-signed");
        usageError(
                "--days: 0 is not a validity of 1 to 36500 days",
                "",
                "--cn",
                "a.example",
                "--days",
                "0",
                "--self-signed");
        usageError(
                "--bits: 1000 is not a supported RSA key size",
                "",
                "--cn",
                "a.example",
                "--bits",
                "1000",
                "--self-signed");
        usageError("--cn: is required", "", "--cn", "", "--self-signed");
        usageError("--san: unknown type 'URI'", "", "--cn", "a.example", "--san", "URI:https://x", "--self-signed");
        usageError("--key-type: 'dsa' is not RSA or EC", "", "--cn", "a.example", "--key-type", "dsa", "--self-signed");
        usageError(
                "--email",
                "not an e-mail address",
                "--cn",
                "a.example",
                "--email",
                "nobody",
                "--csr",
                "--key-out",
                temp.resolve("k.pem").toString());
    }

    @Test
    void missingOrConflictingOptionsAreUsageErrors() {
        usageError("--key-out: required with --csr", "", "--cn", "a.example", "--csr");
        usageError("--self-signed", "--csr", "--cn", "a.example");
        usageError("--self-signed", "mutually exclusive", "--cn", "a.example", "--self-signed", "--csr");
        usageError("--cn", "Missing required option", "--self-signed");
        usageError(
                "--key-out: the same file as --out",
                "",
                "--cn",
                "a.example",
                "--self-signed",
                "--key-out",
                temp.resolve("x.pem").toString());
        usageError(
                "--out: directory",
                "does not exist",
                "--cn",
                "a.example",
                "--self-signed",
                "--out",
                temp.resolve("missing/x.pem").toString());
    }

    @Test
    void helpDescribesTheOptionsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "Usage: icewarp tool certificate create",
                        "--cn",
                        "--san",
                        "--self-signed",
                        "--csr",
                        "--key-out",
                        "--force",
                        "Exit codes:");
    }
}
