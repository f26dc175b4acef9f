package org.icewarp.protocols.smtp;

import java.util.Objects;

/**
 * A mailbox as an SMTP envelope carries it ({@code MAIL FROM} or {@code RCPT TO}), in the canonical form used both to
 * decide whether a recipient is local or may be relayed and to route it: the same value is checked and routed, so no
 * spelling of an address can pass the relay check as one domain and be delivered to another.
 *
 * <p>{@code SmtpArguments} produces these values. A Unicode domain (only in SMTPUTF8 transactions) is converted to
 * A-labels by {@link java.net.IDN#toASCII(String, int)} with {@code USE_STD3_ASCII_RULES}: IDNA2003 nameprep maps
 * compatibility forms first, so full-width letters, the ideographic full stop and similar spellings of an ASCII domain
 * become that ASCII domain, and relay control sees the domain delivery will use. The local part is not normalised
 * (no case folding, no Unicode normalisation): whether two local parts name the same account is the account store's
 * decision.
 *
 * @param localPart the local part in its unquoted form (quotes and backslash escapes removed), case preserved; it is
 *     never interpreted ({@code %}, {@code !} and {@code @} inside it are plain characters)
 * @param domain the domain in lower case, IDNs as A-labels, or an address literal in brackets ({@code [192.0.2.1]},
 *     {@code [ipv6:2001:db8::1]}); {@code ""} only for the bare {@code Postmaster} recipient of RFC 5321 section 4.5.1
 * @param addressLiteral whether {@code domain} is an address literal
 */
public record SmtpMailbox(String localPart, String domain, boolean addressLiteral) {

    /** Checks that both parts are present. */
    public SmtpMailbox {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (localPart.isEmpty()) {
            throw new IllegalArgumentException("a mailbox needs a local part");
        }
    }

    /**
     * The mailbox as RFC 5321 writes it (without angle brackets): the local part as a Dot-string when it is one,
     * otherwise as a quoted string with {@code "} and {@code \} escaped, then {@code @} and the domain; the bare {@code
     * Postmaster} recipient is its local part alone. Parsing {@code <} + this + {@code >} gives this mailbox again.
     */
    @Override
    public String toString() {
        String local = SmtpPaths.quoteLocalPart(localPart);
        return domain.isEmpty() ? local : local + '@' + domain;
    }
}
