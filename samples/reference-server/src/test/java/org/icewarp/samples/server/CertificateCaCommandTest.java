package org.icewarp.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code icewarp tool certificate ca list|add|remove} in-process, on a CA store in a temporary directory. */
class CertificateCaCommandTest {
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
        return cli.execute(args);
    }

    private int ca(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "tool";
        all[1] = "certificate";
        all[2] = "ca";
        all[3] = "--ca-directory";
        all[4] = temp.resolve("ca").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return run(all);
    }

    @Test
    void addsListsAndRemovesACaCertificate() {
        Path pem = temp.resolve("example-ca.pem");
        assertThat(run(
                        "tool",
                        "certificate",
                        "create",
                        "--cn",
                        "Example Test CA",
                        "--days",
                        "30",
                        "--self-signed",
                        "--out",
                        pem.toString()))
                .as(err.toString())
                .isZero();

        assertThat(ca("add", pem.toString())).as(err.toString()).isZero();
        Matcher added =
                Pattern.compile("added ([0-9a-f]{64})  CN=Example Test CA").matcher(out.toString());
        assertThat(added.find()).as(out.toString()).isTrue();
        String fingerprint = added.group(1);

        assertThat(ca("list")).isZero();
        assertThat(out.toString())
                .contains(fingerprint + "  CN=Example Test CA")
                .contains("1 CA certificate in ");

        assertThat(ca("remove", fingerprint)).as(err.toString()).isZero();
        assertThat(ca("list")).isZero();
        assertThat(out.toString()).contains("0 CA certificates in ").doesNotContain(fingerprint);

        assertThat(ca("remove", fingerprint)).isEqualTo(1);
        assertThat(err.toString()).contains("no CA certificate with fingerprint " + fingerprint);
    }

    @Test
    void aFileThatIsNotACertificateIsNamedInTheError() throws Exception {
        Path junk = temp.resolve("junk.pem");
        java.nio.file.Files.writeString(
                junk, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");

        assertThat(ca("add", junk.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("junk.pem");
        assertThat(ca("add", temp.resolve("missing.pem").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("missing.pem");
        assertThat(ca("list")).isZero();
        assertThat(out.toString()).contains("0 CA certificates");
    }

    @Test
    void withoutASubcommandTheUsageIsPrintedWithExitCodeTwo() {
        assertThat(ca()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: icewarp tool certificate ca", "list", "add", "remove");
    }
}
