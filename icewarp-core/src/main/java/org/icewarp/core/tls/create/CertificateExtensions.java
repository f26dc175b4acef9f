package org.icewarp.core.tls.create;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The X.509 extensions of what this package creates (RFC 5280 section 4.2).
 *
 * <table>
 *   <caption>Extensions</caption>
 *   <tr><th>extension</th><th>server certificate or request</th><th>CA certificate</th></tr>
 *   <tr><td>basic constraints (critical)</td><td>CA:FALSE</td><td>CA:TRUE, no path length limit</td></tr>
 *   <tr><td>key usage (critical)</td><td>digitalSignature, and keyEncipherment for RSA keys (RSA key exchange of
 *       TLS 1.2)</td><td>keyCertSign, cRLSign, digitalSignature</td></tr>
 *   <tr><td>extended key usage</td><td>serverAuth and clientAuth (a mail server is also a TLS client when it
 *       delivers, and some peers ask for a client certificate)</td><td>none</td></tr>
 *   <tr><td>subject alternative names</td><td>as specified</td><td>as specified (usually none)</td></tr>
 *   <tr><td>subject key identifier</td><td colspan="2">SHA-1 of the public key (method 1)</td></tr>
 *   <tr><td>authority key identifier</td><td colspan="2">the issuer's key identifier, when signed by a CA</td></tr>
 * </table>
 */
final class CertificateExtensions {
    private CertificateExtensions() {}

    /** The extensions a certificate or request asks for, without the key identifiers. */
    static Extensions requested(CertificateSpec spec) throws IOException {
        ExtensionsGenerator g = new ExtensionsGenerator();
        if (spec.certificateAuthority()) {
            g.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            g.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        } else {
            g.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature;
            if (spec.keyType().algorithm().equals("RSA")) {
                usage |= KeyUsage.keyEncipherment;
            }
            g.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            g.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
        }
        if (!spec.subjectAltNames().isEmpty()) {
            g.addExtension(Extension.subjectAlternativeName, false, generalNames(spec.subjectAltNames()));
        }
        return g.generate();
    }

    /** The requested extensions plus the key identifiers; {@code issuer} is null for a self-signed certificate. */
    static Extensions forCertificate(CertificateSpec spec, PublicKey subjectKey, X509Certificate issuer)
            throws IOException {
        ExtensionsGenerator g = new ExtensionsGenerator();
        Extensions requested = requested(spec);
        for (org.bouncycastle.asn1.ASN1ObjectIdentifier oid : requested.getExtensionOIDs()) {
            g.addExtension(requested.getExtension(oid));
        }
        JcaX509ExtensionUtils utils = utils();
        g.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        if (issuer != null) {
            try {
                g.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException("the CA certificate cannot be encoded: " + e.getMessage(), e);
            }
        }
        return g.generate();
    }

    private static GeneralNames generalNames(List<SubjectAltName> names) {
        GeneralName[] out = new GeneralName[names.size()];
        for (int i = 0; i < out.length; i++) {
            SubjectAltName n = names.get(i);
            int tag = switch (n.type()) {
                case DNS -> GeneralName.dNSName;
                case IP -> GeneralName.iPAddress;
                case EMAIL -> GeneralName.rfc822Name;
            };
            out[i] = new GeneralName(tag, n.value());
        }
        return new GeneralNames(out);
    }

    private static JcaX509ExtensionUtils utils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available for key identifiers", e);
        }
    }
}
