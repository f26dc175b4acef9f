package org.icewarp.core.tls.create;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM text (RFC 7468): base64 in lines of 64 characters between BEGIN and END lines, with LF line ends. */
final class Pem {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /** An unencrypted PKCS#8 key ({@code PRIVATE KEY}), the form that both RSA and EC keys share. */
    static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("the private key cannot be exported (format " + key.getFormat() + ")");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    static String certificates(List<X509Certificate> chain) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            try {
                sb.append(block("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("a certificate cannot be encoded: " + e.getMessage(), e);
            }
        }
        return sb.toString();
    }
}
