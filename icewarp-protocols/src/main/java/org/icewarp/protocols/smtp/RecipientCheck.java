package org.icewarp.protocols.smtp;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RecipientHook} is told about one recipient.
 *
 * @param service the SMTP service's name (for example {@code smtp})
 * @param remote the client's address and port
 * @param authenticatedUser the authenticated user, or empty for an anonymous session
 * @param sender the {@code MAIL FROM} address as text, {@code ""} for the null sender
 * @param recipient the recipient (after any rewrite by an earlier hook)
 * @param local whether the recipient's domain is one of the server's local domains
 */
public record RecipientCheck(
        String service,
        InetSocketAddress remote,
        Optional<String> authenticatedUser,
        String sender,
        SmtpMailbox recipient,
        boolean local) {

    /** Validates. */
    public RecipientCheck {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
    }

    /** The same check for another recipient, with its own locality. */
    public RecipientCheck withRecipient(SmtpMailbox recipient, boolean local) {
        return new RecipientCheck(service, remote, authenticatedUser, sender, recipient, local);
    }
}
