package org.icewarp.protocols.smtp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.icewarp.storage.DsnNotify;

/**
 * The parsed arguments of {@code RCPT TO:}.
 *
 * <p>The DSN {@code NOTIFY} set is {@code dsnNotify}: a record component cannot be called {@code notify}, the name of
 * a final method of {@link Object}.
 *
 * @param recipient the forward-path; a bare {@code Postmaster} (RFC 5321 section 4.5.1) has the domain {@code ""}
 * @param dsnNotify the DSN {@code NOTIFY=} values (RFC 3461 section 4.1); empty when not given, otherwise either exactly
 *     {@link DsnNotify#NEVER} or a non-empty subset of the other three
 * @param originalRecipient the DSN {@code ORCPT=} as {@code addr-type;address} with the address decoded (xtext for
 *     {@code rfc822} and unknown types, RFC 6533 escapes for {@code utf-8}), such as {@code rfc822;a@b}; the two known
 *     types are lower-cased, others are kept as sent
 */
record RcptArguments(SmtpMailbox recipient, Set<DsnNotify> dsnNotify, Optional<String> originalRecipient) {

    RcptArguments {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        dsnNotify = dsnNotify.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(dsnNotify));
        if (dsnNotify.contains(DsnNotify.NEVER) && dsnNotify.size() > 1) {
            throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined with other values");
        }
    }
}
