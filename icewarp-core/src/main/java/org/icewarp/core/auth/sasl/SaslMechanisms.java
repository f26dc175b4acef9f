package org.icewarp.core.auth.sasl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed mechanisms and the one rule deciding which of them a connection may use: enabled and configured
 * ({@link SaslMechanism#available}), not clear-text when plain authentication is disabled, not clear-text without TLS
 * when {@link SaslSettings#plaintextRequiresTls()}, and not a TLS-only mechanism without TLS. The same rule serves
 * both the advertised list (EHLO, CAPABILITY) and the check of the name a client sends, so a mechanism that is not
 * offered is never accepted either.
 *
 * <p>Immutable and thread-safe.
 */
public final class SaslMechanisms {
    private static final Logger LOG = LoggerFactory.getLogger(SaslMechanisms.class);

    private final Map<String, SaslMechanism> byName;

    private SaslMechanisms(Map<String, SaslMechanism> byName) {
        this.byName = byName;
    }

    /**
     * Loads every {@link SaslMechanism} on the class path, in the order the service files list them (the stock ones
     * from the strongest to the weakest). When two share a name the first wins and a warning is logged.
     *
     * @param loader the class loader to search
     * @return the mechanisms
     */
    public static SaslMechanisms load(ClassLoader loader) {
        List<SaslMechanism> found = new ArrayList<>();
        ServiceLoader.load(SaslMechanism.class, loader).forEach(found::add);
        return of(found);
    }

    /**
     * Uses the given mechanisms, in this order (the order they are advertised in).
     *
     * @param mechanisms the mechanisms
     * @return the set
     */
    public static SaslMechanisms of(List<? extends SaslMechanism> mechanisms) {
        Map<String, SaslMechanism> map = new LinkedHashMap<>();
        for (SaslMechanism m : mechanisms) {
            String name = m.name().toUpperCase(Locale.ROOT);
            SaslMechanism previous = map.putIfAbsent(name, m);
            if (previous != null && previous != m) {
                LOG.warn(
                        "SASL mechanism {} provided twice ({} and {}); using the first",
                        name,
                        previous.getClass().getName(),
                        m.getClass().getName());
            }
        }
        return new SaslMechanisms(Collections.unmodifiableMap(map));
    }

    /**
     * Returns the names of all installed mechanisms, usable or not.
     *
     * @return the names in advertising order
     */
    public List<String> installed() {
        return List.copyOf(byName.keySet());
    }

    /**
     * Returns the mechanisms to advertise on a connection.
     *
     * @param settings the SASL settings
     * @param tls whether the connection is protected by TLS
     * @return the usable mechanisms, in advertising order
     */
    public List<SaslMechanism> advertised(SaslSettings settings, boolean tls) {
        Objects.requireNonNull(settings, "settings");
        List<SaslMechanism> out = new ArrayList<>();
        for (SaslMechanism m : byName.values()) {
            if (usable(m, settings, tls)) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns the mechanism a client named, if it is usable on this connection (the same rule as {@link #advertised}).
     *
     * @param name the name the client sent, any case
     * @param settings the SASL settings
     * @param tls whether the connection is protected by TLS
     * @return the mechanism, or empty when unknown or not usable here (SMTP 504 5.5.4, IMAP NO)
     */
    public Optional<SaslMechanism> find(String name, SaslSettings settings, boolean tls) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        SaslMechanism m = byName.get(name.toUpperCase(Locale.ROOT));
        return m != null && usable(m, settings, tls) ? Optional.of(m) : Optional.empty();
    }

    /**
     * Starts an exchange for the mechanism a client named, if it is usable on this connection. The exchange is guarded:
     * whatever the mechanism (a user's plug-in included) throws or fails with becomes a {@code TEMPORARY} failure, so
     * the protocol can rely on {@link SaslExchange}'s contract.
     *
     * @param name the name the client sent, any case
     * @param context the connection's context
     * @return the exchange, or empty when the mechanism is unknown or not usable here
     */
    public Optional<SaslExchange> newExchange(String name, SaslContext context) {
        Objects.requireNonNull(context, "context");
        return find(name, context.settings(), context.tls()).map(m -> {
            try {
                return new GuardedExchange(m.newExchange(context), m.name());
            } catch (RuntimeException e) {
                return GuardedExchange.broken(m.name(), e);
            }
        });
    }

    private static boolean usable(SaslMechanism m, SaslSettings settings, boolean tls) {
        if (m.requiresTls() && !tls) {
            return false;
        }
        if (m.plaintextEquivalent() && (settings.disablePlain() || (settings.plaintextRequiresTls() && !tls))) {
            return false;
        }
        try {
            return m.available(settings);
        } catch (RuntimeException e) {
            LOG.warn("SASL mechanism {} failed its availability check; not offered", m.name(), e);
            return false;
        }
    }
}
