package org.icewarp.protocols.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.icewarp.storage.DsnNotify;

/**
 * Parses the arguments of {@code MAIL} and {@code RCPT}: the path into a canonical {@link SmtpMailbox} and the ESMTP
 * parameters of SIZE (RFC 1870), 8BITMIME (RFC 6152), BINARYMIME (RFC 3030), SMTPUTF8 (RFC 6531), DSN (RFC 3461,
 * RFC 6533) and AUTH (RFC 4954).
 *
 * <p>Pure functions of their input: no I/O, no logging, safe from any thread. Malformed input is always a {@link
 * Parsed.Invalid}, never an exception. What the text may look like:
 *
 * <ul>
 *   <li>{@code FROM:} and {@code TO:} in any case, directly followed by optional spaces and a path in angle brackets;
 *       a path without brackets is refused. {@code <>} only for {@code MAIL}; {@code <Postmaster>} (any case) only for
 *       {@code RCPT}.
 *   <li>After the path, parameters separated by spaces; each at most once; a parameter of an extension the server
 *       did not offer is refused like an unknown one (555 5.5.4).
 *   <li>Non-ASCII in the reverse-path needs {@code SMTPUTF8} in the same command, in a forward-path an {@code
 *       SMTPUTF8} transaction ({@link Extensions#smtputf8Declared()}); otherwise 553 5.6.7.
 * </ul>
 *
 * <p>Implementation note: the helpers throw a stackless {@link ArgumentRejection} which the two entry points turn into
 * {@link Parsed.Invalid}; it never leaves this class.
 */
final class SmtpArguments {

    private static final int SIZE = 1;
    private static final int BODY = 2;
    private static final int SMTPUTF8 = 4;
    private static final int RET = 8;
    private static final int ENVID = 16;
    private static final int AUTH = 32;
    private static final int NOTIFY = 1;
    private static final int ORCPT = 2;

    /** RFC 1870: {@code size-value = 1*20DIGIT}; it must also fit in a long. */
    private static final int MAX_SIZE_DIGITS = 20;

    private SmtpArguments() {}

    /**
     * Parses what follows {@code MAIL }, such as {@code FROM:<a@example.com> SIZE=1000 BODY=8BITMIME}.
     *
     * @param text the command line after the verb and its space, without the CRLF
     * @param ext the extensions offered in this session
     * @return the arguments, or why they were refused
     */
    static Parsed<MailArguments> parseMail(String text, Extensions ext) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ext, "ext");
        try {
            return new Parsed.Ok<>(mail(text, ext));
        } catch (ArgumentRejection r) {
            return new Parsed.Invalid<>(r.error(), r.detail());
        }
    }

    /**
     * Parses what follows {@code RCPT }, such as {@code TO:<b@example.com> NOTIFY=FAILURE ORCPT=rfc822;b@example.com}.
     *
     * @param text the command line after the verb and its space, without the CRLF
     * @param ext the extensions offered in this session, and whether this transaction declared {@code SMTPUTF8}
     * @return the arguments, or why they were refused
     */
    static Parsed<RcptArguments> parseRcpt(String text, Extensions ext) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ext, "ext");
        try {
            return new Parsed.Ok<>(rcpt(text, ext));
        } catch (ArgumentRejection r) {
            return new Parsed.Invalid<>(r.error(), r.detail());
        }
    }

    private static MailArguments mail(String text, Extensions ext) {
        int open = pathStart(text, "FROM:", ArgumentError.MISSING_FROM, "Syntax: MAIL FROM:<address>");
        PathRole role = PathRole.SENDER;
        int close = pathEnd(text, open, role);
        OptionalLong size = OptionalLong.empty();
        BodyType body = BodyType.SEVEN_BIT;
        boolean smtputf8 = false;
        Optional<Ret> ret = Optional.empty();
        Optional<String> envelopeId = Optional.empty();
        Optional<String> auth = Optional.empty();
        EsmtpParameters p = new EsmtpParameters(text, close + 1, role);
        while (p.next()) {
            switch (p.keyword()) {
                case "SIZE" -> {
                    p.offered(ext.sizeOffered());
                    p.once(SIZE);
                    size = OptionalLong.of(size(p));
                }
                case "BODY" -> {
                    p.offered(ext.eightBitMimeOffered());
                    p.once(BODY);
                    body = body(p);
                }
                case "SMTPUTF8" -> {
                    p.offered(ext.smtputf8Offered());
                    p.once(SMTPUTF8);
                    p.noValue();
                    smtputf8 = true;
                }
                case "RET" -> {
                    p.offered(ext.dsnOffered());
                    p.once(RET);
                    ret = Optional.of(DsnParameters.ret(p));
                }
                case "ENVID" -> {
                    p.offered(ext.dsnOffered());
                    p.once(ENVID);
                    envelopeId = Optional.of(DsnParameters.envelopeId(p));
                }
                case "AUTH" -> {
                    p.offered(ext.authOffered());
                    p.once(AUTH);
                    auth = Optional.of(auth(p));
                }
                default -> throw p.unknown();
            }
        }
        Optional<SmtpMailbox> sender = close == open + 1
                ? Optional.empty()
                : Optional.of(SmtpPaths.mailbox(text, open + 1, close, smtputf8, role));
        return new MailArguments(sender, size, body, smtputf8, ret, envelopeId, auth);
    }

    private static RcptArguments rcpt(String text, Extensions ext) {
        int open = pathStart(text, "TO:", ArgumentError.MISSING_TO, "Syntax: RCPT TO:<address>");
        PathRole role = PathRole.RECIPIENT;
        int close = pathEnd(text, open, role);
        if (close == open + 1) {
            throw role.syntax("the null path <> is not a recipient");
        }
        Set<DsnNotify> notify = Set.of();
        Optional<String> originalRecipient = Optional.empty();
        EsmtpParameters p = new EsmtpParameters(text, close + 1, role);
        while (p.next()) {
            switch (p.keyword()) {
                case "NOTIFY" -> {
                    p.offered(ext.dsnOffered());
                    p.once(NOTIFY);
                    notify = DsnParameters.notify(p);
                }
                case "ORCPT" -> {
                    p.offered(ext.dsnOffered());
                    p.once(ORCPT);
                    originalRecipient = Optional.of(DsnParameters.originalRecipient(p, ext.smtputf8Declared()));
                }
                default -> throw p.unknown();
            }
        }
        SmtpMailbox recipient = SmtpPaths.mailbox(text, open + 1, close, ext.smtputf8Declared(), role);
        return new RcptArguments(recipient, notify, originalRecipient);
    }

    /** Checks {@code FROM:} or {@code TO:}, skips spaces, and returns the index of the path's {@code <}. */
    private static int pathStart(String text, String prefix, ArgumentError missing, String syntax) {
        if (!text.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new ArgumentRejection(missing, syntax);
        }
        int i = prefix.length();
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Returns the index of the {@code >} closing the path that must open at {@code open}, within the length limit. */
    private static int pathEnd(String text, int open, PathRole role) {
        if (open >= text.length() || text.charAt(open) != '<') {
            throw role.syntax("the address must be in angle brackets");
        }
        int close = SmtpPaths.closingBracket(text, open);
        if (close < 0) {
            throw role.syntax("the address must be in angle brackets");
        }
        SmtpPaths.checkPathLength(text, open, close, role);
        return close;
    }

    private static long size(EsmtpParameters p) {
        String value = p.value();
        if (value.length() > MAX_SIZE_DIGITS) {
            throw p.invalidValue("more than 20 digits");
        }
        long size = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw p.invalidValue("not a number");
            }
            if (size > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw p.invalidValue("too large");
            }
            size = size * 10 + (c - '0');
        }
        return size;
    }

    private static BodyType body(EsmtpParameters p) {
        String value = p.value();
        if (value.equalsIgnoreCase("7BIT")) {
            return BodyType.SEVEN_BIT;
        }
        if (value.equalsIgnoreCase("8BITMIME")) {
            return BodyType.EIGHT_BIT_MIME;
        }
        if (value.equalsIgnoreCase("BINARYMIME")) {
            return BodyType.BINARY_MIME;
        }
        throw p.invalidValue("7BIT, 8BITMIME or BINARYMIME");
    }

    /** RFC 4954 section 5: {@code AUTH=xtext} or {@code AUTH=<>}; decoded, no control characters. */
    private static String auth(EsmtpParameters p) {
        String mailbox = XText.decode(p.value()).orElseThrow(() -> p.invalidValue("not xtext"));
        if (DsnParameters.hasControl(mailbox)) {
            throw p.invalidValue("control character");
        }
        return mailbox;
    }
}
