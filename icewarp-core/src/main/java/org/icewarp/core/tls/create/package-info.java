/**
 * Creating keys, certificates and certificate signing requests: the seed's "Create CSR / Server Certificate" and the
 * first step of "Getting a Digital Certificate".
 *
 * <p>A {@link org.icewarp.core.tls.create.CertificateSpec} holds the seed's fields (bits, validity in days, country,
 * state, city, organization, organization unit, email, common name) plus subject alternative names and the key
 * type (RSA 2048/3072/4096, EC P-256/P-384). {@link org.icewarp.core.tls.create.CertificateCreator} turns it into
 *
 * <ul>
 *   <li>a self-signed certificate with its private key ({@link org.icewarp.core.tls.create.IssuedCertificate}),
 *   <li>a certificate signed by a CA key and certificate you hold (for tests and small deployments), or
 *   <li>a PKCS#10 request with its private key ({@link org.icewarp.core.tls.create.SigningRequest}) to send to a CA.
 * </ul>
 *
 * <p>Output is PEM: either the seed's merged file (private key first, then the certificate and its issuers) or the key
 * and the certificate (or request) in separate files. A file holding a private key is created owner-only ({@code
 * rw-------}) from its first byte, see {@link org.icewarp.core.tls.create.PemFiles}. Keys are unencrypted PKCS#8,
 * since the seed's server certificates may not have a passphrase.
 *
 * <p>Invalid input is an {@link org.icewarp.core.tls.create.InvalidFieldException} naming the field.
 */
package org.icewarp.core.tls.create;
