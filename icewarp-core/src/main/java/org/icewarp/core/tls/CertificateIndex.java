package org.icewarp.core.tls;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's certificate choice as three hash maps: by local address, by exact DNS name, and by the parent domain of
 * a wildcard ({@code *.example.com} is filed under {@code example.com}). A lookup costs at most three hash probes and
 * one substring, whatever the number of certificates.
 */
final class CertificateIndex implements CertificateProvider {
    private final ServerCertificate defaultCertificate;
    private final Optional<ServerCertificate> defaultAnswer;
    private final Map<InetAddress, Optional<ServerCertificate>> byAddress = new HashMap<>();
    private final Map<String, Optional<ServerCertificate>> exact = new HashMap<>();
    private final Map<String, Optional<ServerCertificate>> wildcard = new HashMap<>();

    CertificateIndex(
            ServerCertificate defaultCertificate,
            Map<InetAddress, ServerCertificate> byAddress,
            List<ServerCertificate> byName) {
        this.defaultCertificate = Objects.requireNonNull(defaultCertificate, "defaultCertificate");
        this.defaultAnswer = Optional.of(defaultCertificate);
        byAddress.forEach((a, c) -> this.byAddress.put(canonical(a), Optional.of(c)));
        for (ServerCertificate c : byName) {
            for (String name : c.names()) {
                if (name.startsWith("*.")) {
                    put(wildcard, name.substring(2), c);
                } else if (name.indexOf('*') < 0) {
                    // partial wildcards (w*.example.com) are not honoured: RFC 6125 6.4.3 lets clients refuse them
                    put(exact, name, c);
                }
            }
        }
    }

    private static void put(Map<String, Optional<ServerCertificate>> map, String name, ServerCertificate c) {
        Optional<ServerCertificate> before = map.get(name);
        if (before == null || c.notAfter().isAfter(before.get().notAfter())) {
            map.put(name, Optional.of(c));
        }
    }

    @Override
    public Optional<ServerCertificate> select(CertificateRequest request) {
        Optional<ServerCertificate> bound =
                byAddress.isEmpty() ? null : byAddress.get(canonical(request.localAddress()));
        if (bound != null) {
            return bound;
        }
        String name = request.serverName();
        if (!name.isEmpty()) {
            Optional<ServerCertificate> c = exact.get(name);
            if (c != null) {
                return c;
            }
            int dot = name.indexOf('.');
            if (dot > 0) {
                c = wildcard.get(name.substring(dot + 1));
                if (c != null) {
                    return c;
                }
            }
        }
        return defaultAnswer;
    }

    ServerCertificate defaultCertificate() {
        return defaultCertificate;
    }

    /** IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) as the IPv4 address a configuration would name. */
    static InetAddress canonical(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return a;
    }
}
