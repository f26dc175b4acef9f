package org.icewarp.core.auth.sasl;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where an authentication attempt comes from, handed to every {@link SaslBackend} call so the backend can apply the
 * login policy and write the authentication log.
 *
 * @param mechanism the SASL mechanism name, upper case
 * @param protocol the service's protocol name as used for SASL ({@code smtp}, {@code imap}, {@code pop})
 * @param remote the client's address
 * @param tls whether the connection is protected by TLS
 */
public record AuthAttempt(String mechanism, String protocol, InetSocketAddress remote, boolean tls) {
    /** @throws NullPointerException if a component is null */
    public AuthAttempt {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(remote, "remote");
    }
}
