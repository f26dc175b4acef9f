package org.icewarp.core.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * A read-only view of trusted CA certificates: what peer certificates are verified against (client certificates on a
 * binding that requires them, and later the certificates of servers this one connects to).
 */
public interface TrustStore {

    /** The trusted certificates, as of now. */
    List<X509Certificate> certificates();

    /** A fixed store. */
    static TrustStore of(Collection<X509Certificate> certificates) {
        List<X509Certificate> copy = List.copyOf(certificates);
        return () -> copy;
    }

    /**
     * The certificates of one PEM file (a binding's "CA File").
     *
     * @throws CertificateFileException when the file cannot be read, is corrupt or holds no certificate
     */
    static TrustStore load(Path pemFile) {
        return of(CaStore.readCertificates(pemFile));
    }
}
