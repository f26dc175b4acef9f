package org.icewarp.core.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.icewarp.storage.EmailAddress;
import org.icewarp.storage.InvalidNameException;

/**
 * The one place that says which mechanisms a connection may use and how a login name becomes an address. Protocols
 * ask {@link #isAllowed} before they advertise a mechanism (EHLO, CAPABILITY) and before they accept one; the
 * {@link Authenticator} asks again, so a protocol that forgets cannot let a plain password through. Immutable and
 * thread-safe.
 */
public final class AuthPolicy {
    private final AuthSettings settings;

    private AuthPolicy(AuthSettings settings) {
        this.settings = settings;
    }

    /** The policy of these settings. */
    public static AuthPolicy of(AuthSettings settings) {
        return new AuthPolicy(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Whether a mechanism may be used. Plain-text mechanisms ({@link Mechanism#plaintext()}: PLAIN, LOGIN, USER/PASS)
     * are refused everywhere when plain authentication is disabled for all services, and otherwise need TLS unless
     * {@link AuthSettings#plainWithoutTls()} allows them in clear. Other mechanisms are always allowed here (which are
     * offered at all is the protocol's configuration).
     *
     * @param mechanism the mechanism
     * @param service the service instance name (reserved for per-service rules; every service follows the same rule
     *     today)
     * @param tls whether the connection is protected by TLS
     */
    public boolean isAllowed(Mechanism mechanism, String service, boolean tls) {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(service, "service");
        if (!mechanism.plaintext()) {
            return true;
        }
        if (settings.disablePlain()) {
            return false;
        }
        return tls || settings.plainWithoutTls();
    }

    /**
     * The address a login name stands for: a full address as given ({@code b@t.com}, an alias address works too, the
     * store resolves it), or, when logins need not be full addresses and a primary domain is set, a bare local part
     * in the primary domain ({@code b} → {@code b@<primary>}). Empty when the name is no address under the policy.
     */
    public Optional<EmailAddress> loginAddress(String login) {
        Objects.requireNonNull(login, "login");
        String l = login.trim();
        try {
            if (l.indexOf('@') >= 0) {
                return Optional.of(EmailAddress.parse(l));
            }
            if (!settings.loginWithEmail() && !settings.primaryDomain().isEmpty() && !l.isEmpty()) {
                return Optional.of(new EmailAddress(l, settings.primaryDomain()));
            }
        } catch (InvalidNameException e) {
            // not an address: treated as an unknown user
        }
        return Optional.empty();
    }

    /** The login as the policy counts failures for an unknown user: trimmed, lower case. */
    static String unknownKey(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }

    /** The settings. */
    public AuthSettings settings() {
        return settings;
    }
}
