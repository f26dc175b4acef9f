package org.icewarp.protocols.pop3;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.Mechanism;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.service.ServiceContext;

/**
 * What every session of one POP3 service instance shares: settings, the reply table, authentication, counters and the
 * time of each account's last login (for LOGIN-DELAY). Built once when the service starts.
 */
final class Pop3Server {
    final ServiceContext context;
    final Pop3Settings settings;
    final Pop3Replies replies;
    final Pop3Statistics statistics;
    /** {@code null} in a context without one: every login then fails temporarily. */
    final Authenticator authenticator;

    final SaslMechanisms mechanisms;
    final SaslSettings sasl;
    private final Map<String, Instant> lastLogins = new ConcurrentHashMap<>();

    Pop3Server(
            ServiceContext context,
            Pop3Settings settings,
            Pop3Statistics statistics,
            Authenticator authenticator,
            SaslMechanisms mechanisms,
            SaslSettings sasl) {
        this.context = context;
        this.settings = settings;
        this.replies = settings.replies();
        this.statistics = statistics;
        this.authenticator = authenticator;
        this.mechanisms = mechanisms;
        this.sasl = sasl;
    }

    /** Whether USER/PASS may be used on a connection with this TLS state (the authenticator's policy decides). */
    boolean userPassAllowed(boolean tls) {
        return authenticator != null && authenticator.policy().isAllowed(Mechanism.USER, context.name(), tls);
    }

    /**
     * Whether APOP is offered: switched on, and the credential service keeps reversible secrets (APOP needs the clear
     * password to compute the digest). Accounts without a reversible record still fail APOP like a wrong password.
     */
    boolean apopOffered() {
        return settings.apop()
                && authenticator != null
                && authenticator.credentials().settings().storeReversible();
    }

    /**
     * Records a login for LOGIN-DELAY; false (and nothing recorded) when the account logged in less than the delay
     * ago.
     */
    boolean admitLogin(String account) {
        if (settings.loginDelay().isZero()) {
            return true;
        }
        Instant now = context.clock().instant();
        boolean[] admitted = {true};
        lastLogins.compute(account, (k, last) -> {
            if (last != null && last.plus(settings.loginDelay()).isAfter(now)) {
                admitted[0] = false;
                return last;
            }
            return now;
        });
        return admitted[0];
    }
}
