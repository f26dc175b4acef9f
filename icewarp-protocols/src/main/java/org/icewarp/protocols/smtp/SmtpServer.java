package org.icewarp.protocols.smtp;

import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.service.ServiceContext;

/**
 * What every session of one SMTP service instance shares: settings, the reply table, the collaborators that touch
 * storage, and the counters. Built once when the service starts.
 */
final class SmtpServer {
    final ServiceContext context;
    final SmtpSettings settings;
    final SmtpReplies replies;
    final RecipientResolver resolver;
    final RecipientHooks hooks;
    final Delivery delivery;
    final SmtpStatistics statistics;
    final Authenticator authenticator;
    final SaslMechanisms mechanisms;
    final SaslSettings sasl;
    /** The mechanism names offered without and with TLS, worked out once (availability checks may touch files). */
    private final java.util.List<String> plainMechanisms;

    private final java.util.List<String> tlsMechanisms;

    SmtpServer(
            ServiceContext context,
            SmtpSettings settings,
            RecipientResolver resolver,
            RecipientHooks hooks,
            Delivery delivery,
            SmtpStatistics statistics,
            Authenticator authenticator,
            SaslMechanisms mechanisms,
            SaslSettings sasl) {
        this.context = context;
        this.settings = settings;
        this.replies = settings.replies();
        this.resolver = resolver;
        this.hooks = hooks;
        this.delivery = delivery;
        this.statistics = statistics;
        this.authenticator = authenticator;
        this.mechanisms = mechanisms;
        this.sasl = sasl;
        this.plainMechanisms = names(false);
        this.tlsMechanisms = names(true);
    }

    private java.util.List<String> names(boolean tls) {
        if (authenticator == null) {
            return java.util.List.of();
        }
        return mechanisms.advertised(sasl, tls).stream()
                .map(org.icewarp.core.auth.sasl.SaslMechanism::name)
                .toList();
    }

    /** The SASL mechanisms to offer on a connection with or without TLS. */
    java.util.List<String> offered(boolean tls) {
        return tls ? tlsMechanisms : plainMechanisms;
    }

    /** The SASL service name (RFC 4954 uses "smtp"). */
    String saslProtocol() {
        return "smtp";
    }
}
