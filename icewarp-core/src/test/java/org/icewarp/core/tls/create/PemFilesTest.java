package org.icewarp.core.tls.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM output: the seed's merged form, separate files, owner-only keys, no accidental overwrite. */
class PemFilesTest {
    private static final CertificateCreator CREATOR = CertificateCreator.create();

    @TempDir
    Path dir;

    private static IssuedCertificate certificate() {
        return CREATOR.selfSigned(CertificateSpec.builder()
                .keyType(KeyType.EC_P256)
                .commonName("mail.example.com")
                .build());
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theMergedFileHoldsTheKeyFirstThenTheCertificateAndIsOwnerOnly() throws Exception {
        IssuedCertificate issued = certificate();
        Path file = dir.resolve("mail.pem");

        issued.writeMerged(file, ExistingFile.FAIL);

        String text = Files.readString(file);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(text.indexOf("-----BEGIN CERTIFICATE-----")).isGreaterThan(text.indexOf("-----END PRIVATE KEY"));
        assertThat(text.lines()).allMatch(l -> l.length() <= 64);
        assertThat(readKey(text).getEncoded()).isEqualTo(issued.privateKey().getEncoded());
        assertThat(readCertificates(text)).containsExactly(issued.certificate());
        if (posix()) {
            assertThat(permissions(file)).isEqualTo("rw-------");
        }
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void separateFilesKeepTheKeyOwnerOnlyAndTheCertificateReadable() throws Exception {
        assumeTrue(posix(), "the file system has no POSIX permissions; skipping the permission check");
        IssuedCertificate issued = certificate();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");

        issued.writeSeparate(cert, key, ExistingFile.FAIL);

        assertThat(permissions(key)).isEqualTo("rw-------");
        assertThat(permissions(cert)).isEqualTo("rw-r--r--");
        assertThat(Files.readString(cert)).doesNotContain("PRIVATE KEY");
        assertThat(readKey(Files.readString(key)).getEncoded())
                .isEqualTo(issued.privateKey().getEncoded());
    }

    @Test
    void aSigningRequestAndItsKeyGoToTwoFiles() throws Exception {
        SigningRequest csr = CREATOR.signingRequest(CertificateSpec.builder()
                .keyType(KeyType.EC_P256)
                .commonName("mail.example.com")
                .build());
        Path pub = dir.resolve("public.pem");
        Path priv = dir.resolve("private.pem");

        csr.write(pub, priv, ExistingFile.FAIL);

        assertThat(Files.readString(pub)).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----");
        if (posix()) {
            assertThat(permissions(priv)).isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> csr.write(pub, pub, ExistingFile.REPLACE))
                .hasMessageContaining("the key file and the certificate file are the same");
    }

    @Test
    void anExistingFileIsKeptUnlessReplacementIsAsked() throws Exception {
        Path file = dir.resolve("mail.pem");
        Path other = dir.resolve("other.pem");
        Files.writeString(file, "old");
        IssuedCertificate issued = certificate();

        assertThatThrownBy(() -> issued.writeMerged(file, ExistingFile.FAIL))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> issued.writeSeparate(other, file, ExistingFile.FAIL))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(Files.list(dir)).containsExactly(file);

        issued.writeMerged(file, ExistingFile.REPLACE);
        assertThat(Files.readString(file)).isEqualTo(issued.pem());
        if (posix()) {
            assertThat(permissions(file)).isEqualTo("rw-------");
        }
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void aKeyIsNeverWrittenWhereItsFileCannotBeReplacedAtomically() throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("key.pem");
        assertThatThrownBy(() -> PemFiles.writePrivate(missing, "x", ExistingFile.FAIL))
                .isInstanceOf(java.io.IOException.class);
        assertThat(Files.exists(missing)).isFalse();
    }

    static PrivateKey readKey(String pem) throws Exception {
        String body = pem.substring(
                pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"));
        byte[] der = Base64.getMimeDecoder().decode(body);
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    @SuppressWarnings("unchecked")
    static List<X509Certificate> readCertificates(String pem) throws Exception {
        String certs = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"));
        return (List<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certs.getBytes(StandardCharsets.US_ASCII)));
    }
}
