package org.icewarp.core.tls;

import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.icewarp.core.tls.CertificateFileException.Problem;

/**
 * A private key with its certificate chain, ready to serve TLS: the leaf first (the certificate of the key), then the
 * intermediates. Immutable.
 *
 * <p>{@link #load(Path)} reads the seed's merged file (key and chain in one PEM file, in any order) and {@link
 * #load(Path, Path)} a key file and a chain file; both accept PKCS#1 and PKCS#8 keys, RSA and EC, and refuse with a
 * {@link CertificateFileException} naming the file: a passphrase-protected key, a key that matches no certificate, a
 * corrupt file, an expired certificate, no key, no certificate.
 */
public final class ServerCertificate {
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String source;
    private final Set<String> names;

    /** Server contexts built from this certificate, by policy and trust (see {@code SslContexts}). */
    final Map<Object, SslContext> contexts = new ConcurrentHashMap<>();

    private ServerCertificate(PrivateKey key, List<X509Certificate> chain, String source) {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.source = source;
        this.names = dnsNames(this.chain.get(0));
    }

    /**
     * A certificate from a key and its chain in memory.
     *
     * @param chain the leaf (the certificate of {@code key}) first
     * @throws IllegalArgumentException if the chain is empty or the key does not belong to its first certificate
     */
    public static ServerCertificate of(PrivateKey key, List<X509Certificate> chain) {
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the certificate of the key");
        }
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the key does not belong to the first certificate of the chain");
        }
        return new ServerCertificate(key, chain, "memory");
    }

    /**
     * Reads a PEM file holding the private key and the chain (the seed's merged file: key first, then the
     * certificate and its intermediates; any order is accepted).
     *
     * @throws CertificateFileException naming the file and what is wrong with it
     */
    public static ServerCertificate load(Path file) {
        return load(file, Clock.systemUTC().instant());
    }

    /**
     * Reads a private key from one PEM file and its chain from another.
     *
     * @throws CertificateFileException naming the file at fault and what is wrong with it
     */
    public static ServerCertificate load(Path keyFile, Path chainFile) {
        return load(keyFile, chainFile, Clock.systemUTC().instant());
    }

    static ServerCertificate load(Path file, Instant now) {
        PemReader.Contents c = PemReader.read(file);
        return assemble(file, c.keys(), file, c.certificates(), file.toString(), now);
    }

    static ServerCertificate load(Path keyFile, Path chainFile, Instant now) {
        PemReader.Contents k = PemReader.read(keyFile);
        PemReader.Contents c = PemReader.read(chainFile);
        if (!k.certificates().isEmpty() && c.certificates().isEmpty()) {
            return assemble(keyFile, k.keys(), keyFile, k.certificates(), keyFile.toString(), now);
        }
        return assemble(keyFile, k.keys(), chainFile, c.certificates(), keyFile + " + " + chainFile, now);
    }

    private static ServerCertificate assemble(
            Path keyFile,
            List<PrivateKey> keys,
            Path chainFile,
            List<X509Certificate> certificates,
            String source,
            Instant now) {
        if (keys.isEmpty()) {
            throw new CertificateFileException(
                    keyFile,
                    Problem.NO_KEY,
                    "holds no private key (expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY;"
                            + " merge the key and the certificate into one file, key first)",
                    null);
        }
        if (keys.size() > 1) {
            throw new CertificateFileException(
                    keyFile, Problem.UNSUPPORTED, "holds " + keys.size() + " private keys; expected one", null);
        }
        if (certificates.isEmpty()) {
            throw new CertificateFileException(
                    chainFile,
                    Problem.NO_CERTIFICATE,
                    "holds no certificate (expected -----BEGIN CERTIFICATE----- after the key)",
                    null);
        }
        PrivateKey key = keys.get(0);
        int leaf = -1;
        for (int i = 0; i < certificates.size() && leaf < 0; i++) {
            if (matches(key, certificates.get(i).getPublicKey())) {
                leaf = i;
            }
        }
        if (leaf < 0) {
            throw new CertificateFileException(
                    chainFile,
                    Problem.KEY_MISMATCH,
                    "the private key does not match the certificate " + subject(certificates.get(0))
                            + " (nor any other certificate in the file); the key and the certificate come from"
                            + " different requests",
                    null);
        }
        List<X509Certificate> chain = new ArrayList<>(certificates);
        X509Certificate leafCertificate = chain.remove(leaf);
        chain.add(0, leafCertificate);
        try {
            leafCertificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new CertificateFileException(
                    chainFile,
                    Problem.EXPIRED,
                    "the certificate " + subject(leafCertificate) + " expired on "
                            + leafCertificate.getNotAfter().toInstant(),
                    e);
        } catch (CertificateNotYetValidException e) {
            throw new CertificateFileException(
                    chainFile,
                    Problem.EXPIRED,
                    "the certificate " + subject(leafCertificate) + " is not valid before "
                            + leafCertificate.getNotBefore().toInstant(),
                    e);
        }
        return new ServerCertificate(key, chain, source);
    }

    /** Whether {@code key} is the private half of {@code publicKey}: a signature made with one verifies with the other. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null || !keyFamily(key.getAlgorithm()).equals(keyFamily(publicKey.getAlgorithm()))) {
            return false;
        }
        try {
            byte[] probe = "icewarp key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String keyFamily(String algorithm) {
        return algorithm.equals("EdDSA") || algorithm.equals("Ed25519") ? "Ed25519" : algorithm;
    }

    /** The private key. */
    public PrivateKey key() {
        return key;
    }

    /** The chain, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Where it came from: a file name, two file names, or {@code memory}. */
    public String source() {
        return source;
    }

    /**
     * The DNS names the leaf is valid for, lower-case: its subject alternative names of type DNS and its subject's
     * common names (wildcards such as {@code *.example.com} included as written).
     */
    public Set<String> names() {
        return names;
    }

    /** When the leaf stops being valid. */
    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    @Override
    public String toString() {
        return "ServerCertificate[" + subject(leaf()) + " from " + source + "]";
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    private static Set<String> dnsNames(X509Certificate c) {
        Set<String> out = new LinkedHashSet<>();
        try {
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    // RFC 5280 4.2.1.6: GeneralName dNSName is tag 2
                    if (entry.size() >= 2
                            && Integer.valueOf(2).equals(entry.get(0))
                            && entry.get(1) instanceof String s) {
                        out.add(normalise(s));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a malformed extension: the common name still counts
        }
        try {
            for (Rdn rdn : new LdapName(subject(c)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String s) {
                    out.add(normalise(s));
                }
            }
        } catch (InvalidNameException e) {
            // RFC 2253 text from the JDK always parses; nothing to add otherwise
        }
        return Set.copyOf(out);
    }

    /** Lower-case, without a trailing dot: the form names are indexed and looked up in. */
    static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
