/**
 * TLS and certificates: which key and chain a connection gets ({@link org.icewarp.core.tls.CertificateProvider}, by
 * local address and SNI, with the {@code [Default]} certificate last), PEM files ({@link
 * org.icewarp.core.tls.ServerCertificate}), the CA store ({@link org.icewarp.core.tls.CaStore}, a {@link
 * org.icewarp.core.tls.TrustStore}), the server's TLS runtime ({@link org.icewarp.core.tls.ServerTls}) and STARTTLS
 * for protocols ({@link org.icewarp.core.tls.ServiceTls}).
 */
package org.icewarp.core.tls;
