package org.icewarp.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.icewarp.core.tls.CertificateFileException.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's CA store (the seed's "Certificates – CA Certificates"): a directory of PEM files, one CA certificate
 * each, named by the certificate's SHA-256 fingerprint. Files added by hand with any name ending in {@code .pem} or
 * {@code .crt} are read too, and each certificate in them counts. The store is read when it is opened and again by
 * {@link #rescan()} (which the server runs on its certificate check interval); a file that cannot be read is logged
 * and skipped, never fatal.
 *
 * <p>Thread-safe: readers get an immutable snapshot; changes are serialised.
 */
public final class CaStore implements TrustStore {
    private static final Logger LOG = LoggerFactory.getLogger(CaStore.class);

    private final Path directory;
    private volatile Snapshot snapshot = new Snapshot(List.of(), "");

    /**
     * One CA certificate of the store.
     *
     * @param fingerprint the SHA-256 fingerprint of the certificate, lower-case hex; the id used by {@link #remove}
     * @param certificate the certificate
     * @param file the file it was read from
     */
    public record Entry(String fingerprint, X509Certificate certificate, Path file) {
        /** The subject, RFC 2253. */
        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    /** An immutable state of the store; a new one each time its content changes. */
    record Snapshot(List<Entry> entries, String signature) {}

    private CaStore(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens (and creates, if missing) a CA store directory.
     *
     * @throws UncheckedIOException when the directory cannot be created
     */
    public static CaStore open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the CA store directory " + directory, e);
        }
        CaStore store = new CaStore(directory);
        store.rescan();
        return store;
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** The CA certificates, ordered by fingerprint. */
    public List<Entry> list() {
        return snapshot.entries();
    }

    @Override
    public List<X509Certificate> certificates() {
        return list().stream().map(Entry::certificate).toList();
    }

    /** The current state, compared by identity to notice changes. */
    Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Adds a CA certificate, written to {@code <fingerprint>.pem} with owner-only permissions where the file system
     * has them. Adding one already present changes nothing.
     *
     * @return its entry
     */
    public synchronized Entry add(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        String fingerprint = fingerprint(certificate);
        Optional<Entry> present = find(fingerprint);
        if (present.isPresent()) {
            return present.get();
        }
        Path file = directory.resolve(fingerprint + ".pem");
        try {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(text)) {
                w.writeObject(certificate);
            }
            writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        rescan();
        return find(fingerprint).orElseThrow();
    }

    /**
     * Adds every certificate of a PEM file.
     *
     * @throws CertificateFileException when the file cannot be read, is corrupt or holds no certificate
     */
    public List<Entry> add(Path pemFile) {
        List<Entry> out = new ArrayList<>();
        for (X509Certificate c : readCertificates(pemFile)) {
            out.add(add(c));
        }
        return out;
    }

    /**
     * Removes a CA certificate by fingerprint (as {@link Entry#fingerprint()}, case and colons ignored). A file that
     * holds other certificates too is rewritten without it.
     *
     * @return whether it was in the store
     */
    public synchronized boolean remove(String fingerprint) {
        String wanted = fingerprint.replace(":", "").toLowerCase(java.util.Locale.ROOT);
        Optional<Entry> entry = find(wanted);
        if (entry.isEmpty()) {
            return false;
        }
        Path file = entry.get().file();
        try {
            List<X509Certificate> rest = new ArrayList<>();
            for (X509Certificate c : readCertificates(file)) {
                if (!fingerprint(c).equals(wanted)) {
                    rest.add(c);
                }
            }
            if (rest.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                StringWriter text = new StringWriter();
                try (JcaPEMWriter w = new JcaPEMWriter(text)) {
                    for (X509Certificate c : rest) {
                        w.writeObject(c);
                    }
                }
                writeAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + fingerprint + " from " + file, e);
        }
        rescan();
        return true;
    }

    private Optional<Entry> find(String fingerprint) {
        return snapshot.entries().stream()
                .filter(e -> e.fingerprint().equals(fingerprint))
                .findFirst();
    }

    /**
     * Reads the directory again when its files changed (names, sizes, modification times).
     *
     * @return whether the content changed
     */
    public synchronized boolean rescan() {
        List<Path> files = new ArrayList<>();
        StringBuilder signature = new StringBuilder();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory, "*.{pem,crt}")) {
            for (Path p : dir) {
                files.add(p);
            }
            files.sort(null);
            for (Path p : files) {
                signature
                        .append(p.getFileName())
                        .append('|')
                        .append(Files.size(p))
                        .append('|')
                        .append(Files.getLastModifiedTime(p).toMillis())
                        .append(';');
            }
        } catch (IOException e) {
            LOG.warn("CA store {} cannot be read ({}); keeping the certificates read before", directory, e.toString());
            return false;
        }
        if (signature.toString().equals(snapshot.signature())) {
            return false;
        }
        TreeMap<String, Entry> entries = new TreeMap<>();
        for (Path p : files) {
            try {
                for (X509Certificate c : readCertificates(p)) {
                    entries.putIfAbsent(fingerprint(c), new Entry(fingerprint(c), c, p));
                }
            } catch (CertificateFileException e) {
                LOG.warn("CA store: {}; skipped", e.getMessage());
            }
        }
        snapshot = new Snapshot(List.copyOf(entries.values()), signature.toString());
        return true;
    }

    static List<X509Certificate> readCertificates(Path file) {
        PemReader.Contents c = PemReader.read(file);
        if (c.certificates().isEmpty()) {
            throw new CertificateFileException(file, Problem.NO_CERTIFICATE, "holds no certificate", null);
        }
        return c.certificates();
    }

    /** SHA-256 over the DER encoding, lower-case hex. */
    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + c.getSubjectX500Principal(), e);
        }
    }

    /** Writes a file through a temporary sibling and a rename, with owner-only permissions where supported. */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = OwnerOnly.createFile(dir, file.getFileName() + ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
