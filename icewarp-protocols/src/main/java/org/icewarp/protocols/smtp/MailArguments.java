package org.icewarp.protocols.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parsed arguments of {@code MAIL FROM:}.
 *
 * @param sender the reverse-path; empty for the null reverse-path {@code <>}
 * @param size the {@code SIZE=} declaration (RFC 1870), if given
 * @param body the {@code BODY=} type; {@link BodyType#SEVEN_BIT} when not given
 * @param smtputf8 whether {@code SMTPUTF8} (RFC 6531) was given
 * @param ret the DSN {@code RET=} (RFC 3461), if given
 * @param envelopeId the DSN {@code ENVID=}, xtext-decoded, if given
 * @param auth the {@code AUTH=} mailbox (RFC 4954 section 5), xtext-decoded; {@code <>} is kept as {@code <>}
 */
record MailArguments(
        Optional<SmtpMailbox> sender,
        OptionalLong size,
        BodyType body,
        boolean smtputf8,
        Optional<Ret> ret,
        Optional<String> envelopeId,
        Optional<String> auth) {

    MailArguments {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(auth, "auth");
    }
}
