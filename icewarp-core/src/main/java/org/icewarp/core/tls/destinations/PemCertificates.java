package org.icewarp.core.tls.destinations;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds certificates in PEM text that may also hold other blocks (the seed's merged file starts with the key). */
final class PemCertificates {
    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----[\\s\\S]*?-----END CERTIFICATE-----");

    private PemCertificates() {}

    static X509Certificate first(String pem) {
        Matcher m = CERTIFICATE.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("no -----BEGIN CERTIFICATE----- block found");
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            byte[] block = m.group().getBytes(StandardCharsets.US_ASCII);
            return (X509Certificate) f.generateCertificate(new ByteArrayInputStream(block));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the certificate cannot be read: " + e.getMessage(), e);
        }
    }
}
