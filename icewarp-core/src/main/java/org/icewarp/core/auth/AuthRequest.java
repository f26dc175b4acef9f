package org.icewarp.core.auth;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One login attempt as a protocol hands it to an {@link Authenticator}. {@link #toString()} never shows the evidence.
 *
 * @param service the service instance name ({@code imap}, {@code smtp}); the log writes it upper case
 * @param remote the client's address
 * @param session the protocol's session identifier, as its activity log writes it (for example {@code 21E4})
 * @param tls whether the connection is protected by TLS
 * @param login the login name exactly as the client gave it
 * @param mechanism how the client logs in
 * @param evidence the password or the mechanism's check
 */
public record AuthRequest(
        String service,
        InetAddress remote,
        String session,
        boolean tls,
        String login,
        Mechanism mechanism,
        Evidence evidence) {
    /** Validates. */
    public AuthRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A password login. */
    public static AuthRequest password(
            String service,
            InetAddress remote,
            String session,
            boolean tls,
            String login,
            Mechanism mechanism,
            String password) {
        return new AuthRequest(service, remote, session, tls, login, mechanism, Evidence.password(password));
    }
}
