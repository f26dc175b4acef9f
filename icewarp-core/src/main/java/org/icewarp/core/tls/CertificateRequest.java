package org.icewarp.core.tls;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What a new TLS connection asks of the certificate providers.
 *
 * @param service the name of the service accepting the connection
 * @param localAddress the local address the client connected to (IPv4-mapped IPv6 addresses are given as IPv4)
 * @param serverName the host name the client asked for with SNI (RFC 6066), lower-case without a trailing dot, or
 *     {@code ""} when it sent none
 */
public record CertificateRequest(String service, InetAddress localAddress, String serverName) {

    /** Validates the fields and normalises the server name. */
    public CertificateRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(localAddress, "localAddress");
        serverName = serverName == null ? "" : ServerCertificate.normalise(serverName);
    }

    /** Whether the client sent a server name. */
    public boolean hasServerName() {
        return !serverName.isEmpty();
    }
}
