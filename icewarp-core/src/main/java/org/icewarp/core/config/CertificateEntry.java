package org.icewarp.core.config;

import java.util.Objects;

/**
 * One entry of the server certificate list ({@code system.certificates.server}): the seed's "Server Certificates"
 * dialog with its IP address and certificate file.
 *
 * @param ip a literal IPv4 or IPv6 address the certificate is bound to, or {@code ""} to choose it by the name the
 *     client asks for (SNI) among all unbound entries
 * @param file PEM file with the private key and the chain (key first, as the seed's merged file), or with the chain
 *     only when {@code keyFile} is set; relative paths are resolved against the data directory
 * @param keyFile PEM file with the private key, or {@code ""} when {@code file} holds it
 */
public record CertificateEntry(String ip, String file, String keyFile) {

    /** Validates the fields. */
    public CertificateEntry {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyFile, "keyFile");
        if (!ip.isEmpty() && !Addresses.isLiteral(ip)) {
            throw new IllegalArgumentException("ip '" + ip + "' is not a literal IPv4 or IPv6 address");
        }
        if (file.isBlank()) {
            throw new IllegalArgumentException("file must name a PEM file");
        }
    }

    /** A certificate chosen by SNI, key and chain in one file. */
    public static CertificateEntry byName(String file) {
        return new CertificateEntry("", file, "");
    }

    /** A certificate bound to an IP address, key and chain in one file. */
    public static CertificateEntry byAddress(String ip, String file) {
        return new CertificateEntry(ip, file, "");
    }
}
