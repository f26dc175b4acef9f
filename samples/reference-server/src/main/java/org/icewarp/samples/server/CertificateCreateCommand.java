package org.icewarp.samples.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.icewarp.core.tls.create.CertificateCreator;
import org.icewarp.core.tls.create.CertificateSpec;
import org.icewarp.core.tls.create.ExistingFile;
import org.icewarp.core.tls.create.InvalidFieldException;
import org.icewarp.core.tls.create.IssuedCertificate;
import org.icewarp.core.tls.create.KeyType;
import org.icewarp.core.tls.create.SigningRequest;
import org.icewarp.core.tls.create.SubjectAltName;
import org.icewarp.core.tls.destinations.Fingerprint;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icewarp tool certificate create}: the seed's "Create CSR / Server Certificate". Generates a key and either a
 * self-signed certificate or a certificate signing request (CSR) for a CA, with {@code org.icewarp.core.tls.create}.
 *
 * <p>A self-signed certificate goes with its key into one file, key first (the seed's merged form the server loads),
 * or into two with {@code --key-out}. A CSR always goes to {@code --out} and its key to {@code --key-out}: only the CSR
 * is sent to the CA. Key files are created owner-only. Existing files are kept unless {@code --force}.
 *
 * <p>Exit codes: 0 written; 1 writing failed; 2 a usage error naming the option (a bad field, an existing file).
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Generates a private key and a self-signed certificate or a certificate signing request (CSR).",
            "Example: icewarp tool certificate create --cn mail.example.com --san DNS:imap.example.com"
                    + " --country CZ --org Example --self-signed --out conf/mail.pem",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:writing a file failed", "2:usage error (a bad option value, an existing file)"})
final class CertificateCreateCommand implements Callable<Integer> {
    /** Writing failed. */
    static final int EXIT_WRITE_FAILED = 1;

    /** The option for each field an {@link InvalidFieldException} can name: declared once. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.ofEntries(
            Map.entry("keyType", "--key-type"),
            Map.entry("bits", "--bits"),
            Map.entry("days", "--days"),
            Map.entry("commonName", "--cn"),
            Map.entry("country", "--country"),
            Map.entry("state", "--state"),
            Map.entry("city", "--city"),
            Map.entry("organization", "--org"),
            Map.entry("unit", "--unit"),
            Map.entry("email", "--email"),
            Map.entry("subjectAltName", "--san"));

    @Option(
            names = "--cn",
            required = true,
            paramLabel = "NAME",
            description = "Common name: the server's fully"
                    + " qualified host name (also added as the first DNS alternative name).")
    private String commonName;

    @Option(
            names = "--san",
            paramLabel = "LIST",
            split = ",",
            description = "Subject alternative names: DNS:name, IP:address, email:address (comma-separated,"
                    + " repeatable).")
    private List<String> altNames = new ArrayList<>();

    @Option(
            names = "--key-type",
            paramLabel = "TYPE",
            defaultValue = "rsa",
            description = "rsa or ec. Default: ${DEFAULT-VALUE}.")
    private String keyType;

    @Option(
            names = "--bits",
            paramLabel = "N",
            description = "Key size: 2048, 3072 or 4096 for rsa (default 2048); 256 or 384 for ec (default 256).")
    private Integer bits;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "365",
            description = "Validity of a certificate in days (1 to 36500). Default: ${DEFAULT-VALUE}.")
    private int days;

    @Option(names = "--country", paramLabel = "CC", defaultValue = "", description = "Two-letter country code.")
    private String country;

    @Option(names = "--state", paramLabel = "TEXT", defaultValue = "", description = "State or province.")
    private String state;

    @Option(names = "--city", paramLabel = "TEXT", defaultValue = "", description = "City.")
    private String city;

    @Option(names = "--org", paramLabel = "TEXT", defaultValue = "", description = "Organization.")
    private String organization;

    @Option(names = "--unit", paramLabel = "TEXT", defaultValue = "", description = "Organization unit.")
    private String unit;

    @Option(names = "--email", paramLabel = "ADDRESS", defaultValue = "", description = "E-mail address.")
    private String email;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Kind kind;

    static final class Kind {
        @Option(names = "--self-signed", required = true, description = "Create a self-signed certificate.")
        boolean selfSigned;

        @Option(names = "--csr", required = true, description = "Create a certificate signing request for a CA.")
        boolean csr;
    }

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where the certificate (with its key, unless --key-out) or the CSR goes.")
    private Path out;

    @Option(
            names = "--key-out",
            paramLabel = "FILE",
            description = "Where the private key goes (owner-only); required with --csr.")
    private Path keyOut;

    @Option(names = "--force", description = "Replace existing files.")
    private boolean force;

    @Spec
    private CommandSpec spec;

    /** A user's mistake: exit code 2, the message names the option. */
    private static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CertificateSpec certificateSpec = certificateSpec();
            checkFiles();
            CertificateCreator creator = CertificateCreator.create();
            if (kind.csr) {
                SigningRequest csr = creator.signingRequest(certificateSpec);
                csr.write(out, keyOut, existing());
                stdout.println("certificate create: signing request for " + csr.subject());
                printAltNames(stdout, certificateSpec);
                stdout.println("  request:     " + out + " (send this file to the CA)");
                stdout.println("  private key: " + keyOut + " (owner-only; keep it here, never send it)");
            } else {
                IssuedCertificate cert = creator.selfSigned(certificateSpec);
                if (keyOut == null) {
                    cert.writeMerged(out, existing());
                } else {
                    cert.writeSeparate(out, keyOut, existing());
                }
                X509Certificate c = cert.certificate();
                stdout.println("certificate create: self-signed certificate for " + c.getSubjectX500Principal());
                printAltNames(stdout, certificateSpec);
                stdout.println("  valid:       " + c.getNotBefore().toInstant() + " to "
                        + c.getNotAfter().toInstant());
                stdout.println("  SHA-256:     " + Fingerprint.of(c, Fingerprint.Algorithm.SHA_256));
                if (keyOut == null) {
                    stdout.println("  written:     " + out + " (private key, then certificate; owner-only)");
                } else {
                    stdout.println("  certificate: " + out);
                    stdout.println("  private key: " + keyOut + " (owner-only)");
                }
            }
            return CommandLine.ExitCode.OK;
        } catch (Usage e) {
            err.println("icewarp: certificate create: " + e.getMessage());
            return IceWarpCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("icewarp: certificate create: writing failed: " + e);
            return EXIT_WRITE_FAILED;
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    private CertificateSpec certificateSpec() {
        try {
            int size = bits != null ? bits : keyType.equalsIgnoreCase("ec") ? 256 : 2048;
            List<SubjectAltName> names = new ArrayList<>();
            for (String item : altNames) {
                if (!item.isBlank()) {
                    names.add(SubjectAltName.parse(item));
                }
            }
            return CertificateSpec.builder()
                    .keyType(KeyType.of(keyType, size))
                    .days(days)
                    .commonName(commonName)
                    .country(country)
                    .state(state)
                    .city(city)
                    .organization(organization)
                    .unit(unit)
                    .email(email)
                    .subjectAltNames(names)
                    .build();
        } catch (InvalidFieldException e) {
            String option = OPTION_OF_FIELD.getOrDefault(e.field(), e.field());
            throw new Usage(option + ": " + e.getMessage().substring(e.field().length() + 2));
        }
    }

    private void checkFiles() {
        if (kind.csr && keyOut == null) {
            throw new Usage("--key-out: required with --csr (the CSR goes to the CA, the key stays here)");
        }
        if (keyOut != null
                && out.toAbsolutePath()
                        .normalize()
                        .equals(keyOut.toAbsolutePath().normalize())) {
            throw new Usage("--key-out: the same file as --out");
        }
        checkFile("--out", out);
        if (keyOut != null) {
            checkFile("--key-out", keyOut);
        }
    }

    private void checkFile(String option, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new Usage(option + ": directory " + dir + " does not exist");
        }
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Usage(option + ": " + file + " exists; use --force to replace it");
        }
    }

    private ExistingFile existing() {
        return force ? ExistingFile.REPLACE : ExistingFile.FAIL;
    }

    private static void printAltNames(PrintWriter stdout, CertificateSpec s) {
        if (!s.subjectAltNames().isEmpty()) {
            stdout.println("  alt names:   "
                    + s.subjectAltNames().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
    }
}
