package org.icewarp.core.config;

import java.util.Objects;

/**
 * One address and port a service listens on (the seed's "Service IP addresses" entry).
 *
 * @param address a literal IPv4 or IPv6 address, or {@code *} for every local address (IPv4 and IPv6)
 * @param port 0 to 65535; 0 binds an ephemeral port (tests)
 * @param tls implicit TLS on this binding (the seed's "SSL" box)
 * @param certificate path of a PEM file with key and chain for this binding, or {@code ""} for the server's default
 * @param requirePeerCertificate only peers presenting a valid certificate may connect
 * @param caFile path of the CA file used to verify peers, or {@code ""} for the server's CA store
 */
public record Binding(
        String address, int port, boolean tls, String certificate, boolean requirePeerCertificate, String caFile) {

    /** The wildcard address: every local address. */
    public static final String ANY = "*";

    /** Validates the fields. */
    public Binding {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(caFile, "caFile");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank (use * for all addresses)");
        }
        if (!ANY.equals(address) && !Addresses.isLiteral(address)) {
            throw new IllegalArgumentException("address '" + address + "' is not a literal IPv4 or IPv6 address or *");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (requirePeerCertificate && !tls) {
            throw new IllegalArgumentException("requirePeerCertificate needs tls (peers are verified during TLS)");
        }
    }

    /** A plain binding. */
    public static Binding plain(String address, int port) {
        return new Binding(address, port, false, "", false, "");
    }

    /** {@code address:port}, with IPv6 addresses in brackets. */
    @Override
    public String toString() {
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port + (tls ? " (TLS)" : "");
    }
}
