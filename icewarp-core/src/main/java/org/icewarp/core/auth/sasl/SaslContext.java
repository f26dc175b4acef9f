package org.icewarp.core.auth.sasl;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What one exchange knows about its connection and server. The protocol builds one per AUTH/AUTHENTICATE command.
 *
 * @param protocol the SASL service name of the protocol ({@code smtp}, {@code imap}, {@code pop}); used in
 *     DIGEST-MD5's {@code digest-uri} and as GSSAPI's default service name
 * @param serverName the server's host name as clients know it (DIGEST-MD5 realm and digest-uri, GSSAPI principal,
 *     CRAM-MD5 challenge)
 * @param remote the client's address
 * @param tls whether the connection is protected by TLS
 * @param settings the SASL settings
 * @param backend the account store bridge
 * @param worker a bounded executor for steps that may block or burn CPU (the JDK's synchronous mechanisms, the
 *     Kerberos login); normally {@code ServiceContext.blockingExecutor()}
 */
public record SaslContext(
        String protocol,
        String serverName,
        InetSocketAddress remote,
        boolean tls,
        SaslSettings settings,
        SaslBackend backend,
        Executor worker) {

    /** @throws NullPointerException if a component is null */
    public SaslContext {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(worker, "worker");
    }

    /**
     * Returns the attempt description handed to the backend.
     *
     * @param mechanism the mechanism name
     * @return the attempt
     */
    public AuthAttempt attempt(String mechanism) {
        return new AuthAttempt(mechanism, protocol, remote, tls);
    }
}
