package org.icewarp.protocols.imap;

import org.icewarp.core.auth.Authenticator;
import org.icewarp.core.auth.sasl.SaslMechanisms;
import org.icewarp.core.auth.sasl.SaslSettings;
import org.icewarp.core.service.ServiceContext;
import org.icewarp.storage.MailboxStore;

/** What every session of one IMAP service instance shares. Built once when the service starts. */
final class ImapServer {
    final ServiceContext context;
    final ImapSettings settings;
    final Authenticator authenticator;
    final SaslMechanisms mechanisms;
    final SaslSettings sasl;

    ImapServer(
            ServiceContext context,
            ImapSettings settings,
            Authenticator authenticator,
            SaslMechanisms mechanisms,
            SaslSettings sasl) {
        this.context = context;
        this.settings = settings;
        this.authenticator = authenticator;
        this.mechanisms = mechanisms;
        this.sasl = sasl;
    }

    MailboxStore store() {
        return context.mailboxes();
    }

    /** Whether passwords may be sent in the clear on a connection (LOGIN, PLAIN and LOGIN SASL). */
    boolean plaintextAllowed(boolean tls) {
        return authenticator != null && !sasl.disablePlain() && (tls || !sasl.plaintextRequiresTls());
    }
}
