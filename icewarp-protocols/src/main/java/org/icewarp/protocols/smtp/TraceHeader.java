package org.icewarp.protocols.smtp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The trace lines a server adds: {@code Received:} (RFC 5321 section 4.4) when it accepts a message, and {@code
 * Return-Path:} at final delivery into a mailbox.
 *
 * <p>{@code Received:} reads, folded at 78 columns (RFC 5322 section 2.1.1) between its clauses:
 *
 * <pre>
 * Received: from HELO (REVERSE [ADDRESS])
 *  by HOST with TYPE id ID
 *  for &lt;RECIPIENT&gt;; DATE
 * </pre>
 *
 * <p>The {@code with} type is RFC 3848's ({@code SMTP}, {@code ESMTP}, {@code ESMTPA}, {@code ESMTPS}, {@code
 * ESMTPSA}) or RFC 6531's for SMTPUTF8 transactions ({@code UTF8SMTP}, {@code UTF8SMTPA}, {@code UTF8SMTPS}, {@code
 * UTF8SMTPSA}); a HELO session is {@code SMTP} whatever else it did. {@code for} is written only when the message has
 * exactly one recipient, so that a copy does not reveal the other (possibly blind) recipients. The client's HELO text
 * and the reverse name are untrusted: characters that could end the header, a clause or the comment are replaced with
 * {@code ?}. The date is RFC 5322's, from the injected clock in its zone.
 *
 * <p>Stateless and thread-safe.
 */
final class TraceHeader {
    /** RFC 5322 section 2.1.1: lines SHOULD be at most 78 characters. */
    static final int FOLD_AT = 78;

    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TraceHeader() {}

    /**
     * How the message came in.
     *
     * @param esmtp the client said EHLO (LHLO) rather than HELO
     * @param tls the session was under TLS (STARTTLS or implicit)
     * @param auth the client authenticated
     * @param utf8 the transaction used SMTPUTF8
     */
    record Protocol(boolean esmtp, boolean tls, boolean auth, boolean utf8) {
        /** The {@code with} keyword: RFC 3848, or RFC 6531 section 3.7.3 for SMTPUTF8. */
        String withType() {
            if (!esmtp) {
                return "SMTP";
            }
            return (utf8 ? "UTF8SMTP" : "ESMTP") + (tls ? "S" : "") + (auth ? "A" : "");
        }
    }

    /**
     * The {@code Received:} header, CRLF-terminated.
     *
     * @param helo the HELO/EHLO argument as the client sent it ({@code ""} when none: the address literal is used)
     * @param remote the client's address
     * @param reverseName the client's verified reverse DNS name, {@code ""} when unknown
     * @param host our host name (the {@code by} domain)
     * @param protocol how the message came in
     * @param id the transaction id: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}
     * @param recipients the accepted recipients; {@code for} names one only when there is exactly one
     * @param clock the time of receipt
     * @throws IllegalArgumentException when {@code host} or {@code id} is not usable in a header
     */
    static String received(
            String helo,
            InetAddress remote,
            String reverseName,
            String host,
            Protocol protocol,
            String id,
            List<SmtpMailbox> recipients,
            Clock clock) {
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(reverseName, "reverseName");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(clock, "clock");
        if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
            throw new IllegalArgumentException("id must be 1 to 64 letters, digits, '.', '_' or '-', was '" + id + "'");
        }
        String literal = addressLiteral(remote);
        String from = helo.isEmpty() ? literal : untrusted(helo);
        String tcpInfo =
                reverseName.isEmpty() ? "(" + literal + ")" : "(" + untrusted(reverseName) + " " + literal + ")";
        List<String> clauses = new ArrayList<>();
        clauses.add("Received: from " + from);
        clauses.add(tcpInfo);
        clauses.add("by " + requireHost(host));
        clauses.add("with " + protocol.withType());
        clauses.add("id " + id);
        String date = DATE.format(ZonedDateTime.now(clock));
        if (recipients.size() == 1) {
            clauses.add("for <" + MailboxText.path(recipients.get(0)) + ">;");
        } else {
            clauses.set(clauses.size() - 1, clauses.get(clauses.size() - 1) + ";");
        }
        clauses.add(date);
        return fold(clauses);
    }

    /**
     * The {@code Return-Path:} line for final delivery, CRLF-terminated.
     *
     * @param sender the {@code MAIL FROM} address as text, {@code ""} for the null sender
     * @throws IllegalArgumentException when it contains a control character (it would break the header)
     */
    static String returnPath(String sender) {
        Objects.requireNonNull(sender, "sender");
        for (int i = 0; i < sender.length(); i++) {
            if (sender.charAt(i) < 0x20 || sender.charAt(i) == 0x7f) {
                throw new IllegalArgumentException("sender contains a control character");
            }
        }
        return "Return-Path: <" + sender + ">" + CRLF;
    }

    /** RFC 5321 section 4.1.3: {@code [192.0.2.1]} or {@code [IPv6:2001:db8:0:0:0:0:0:1]}, without a scope. */
    static String addressLiteral(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        if (scope >= 0) {
            text = text.substring(0, scope);
        }
        return address instanceof Inet6Address ? "[IPv6:" + text + "]" : "[" + text + "]";
    }

    /** Client text: only what a domain or an address literal may hold survives; the rest becomes {@code ?}. */
    private static String untrusted(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 255));
        for (int i = 0; i < s.length() && i < 255; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_'
                    || c == ':'
                    || c == '['
                    || c == ']';
            b.append(ok ? c : '?');
        }
        return b.toString();
    }

    private static String requireHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty() || !untrusted(host).equals(host)) {
            throw new IllegalArgumentException("host must be a domain name, was '" + host + "'");
        }
        return host;
    }

    /**
     * Joins clauses with spaces, starting a continuation line (a space, RFC 5322 folding white space) before a clause
     * that would take the line over {@link #FOLD_AT}. A clause longer than a line is split at its own spaces; a word
     * longer than a line stays whole (the hard limit is 998).
     */
    static String fold(List<String> clauses) {
        List<String> words = new ArrayList<>();
        for (String clause : clauses) {
            if (clause.length() + 1 > FOLD_AT) {
                words.addAll(List.of(clause.split(" ")));
            } else {
                words.add(clause);
            }
        }
        StringBuilder out = new StringBuilder(128);
        int lineLength = 0;
        for (String word : words) {
            if (lineLength == 0) {
                out.append(word);
                lineLength = word.length();
            } else if (lineLength + 1 + word.length() > FOLD_AT) {
                out.append(CRLF).append(' ').append(word);
                lineLength = 1 + word.length();
            } else {
                out.append(' ').append(word);
                lineLength += 1 + word.length();
            }
        }
        return out.append(CRLF).toString();
    }
}
