package org.icewarp.protocols.smtp;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The table every SMTP reply comes from (the seed's "strings translation"): each {@link Key} fixes a reply code and
 * enhanced status, which are protocol semantics, and a default text, which an operator may replace. Texts may contain
 * {@code {host}} (the server's host name) and {@code {detail}} (the situation: an address, a size, a parser's
 * explanation).
 *
 * <p>In configuration a text is replaced by {@code system.services.<name>.options.replies.<key>}, where {@code <key>}
 * is the key's name in lower case with {@code -} for {@code _}, for example {@code replies.relay-denied}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SmtpReplies {

    /** The replies, with their fixed codes and default texts. */
    public enum Key {
        /** The greeting. */
        GREETING(220, "", "{host} ESMTP ready"),
        /** QUIT. */
        BYE(221, "2.0.0", "{host} closing connection"),
        /** The first line of the EHLO and HELO replies; {@code {detail}} is the client's name. */
        HELLO(250, "", "{host} greets {detail}"),
        /** MAIL accepted. */
        SENDER_OK(250, "2.1.0", "Sender OK"),
        /** RCPT accepted. */
        RECIPIENT_OK(250, "2.1.5", "Recipient OK"),
        /** DATA go-ahead. */
        START_DATA(354, "", "End data with <CR><LF>.<CR><LF>"),
        /** The message is stored for every recipient; {@code {detail}} is the transaction id. */
        MESSAGE_ACCEPTED(250, "2.0.0", "OK, queued as {detail}"),
        /** A BDAT chunk that is not the last; {@code {detail}} is its size. */
        CHUNK_ACCEPTED(250, "2.0.0", "{detail} octets received"),
        /** RSET. */
        RESET(250, "2.0.0", "Reset OK"),
        /** NOOP. */
        NOOP(250, "2.0.0", "OK"),
        /** VRFY when it is switched off (RFC 5321 section 3.5.3). */
        VRFY_DISABLED(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery"),
        /** VRFY of a local mailbox; {@code {detail}} is the address. */
        VRFY_OK(250, "2.1.5", "<{detail}>"),
        /** HELP. */
        HELP(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH"),
        /** STARTTLS go-ahead. */
        READY_FOR_TLS(220, "2.0.0", "Ready to start TLS"),
        /** AUTH succeeded. */
        AUTH_SUCCEEDED(235, "2.7.0", "Authentication successful"),
        /** An unknown command. */
        UNKNOWN_COMMAND(500, "5.5.2", "Syntax error, command unrecognized"),
        /** A command line over the limit. */
        LINE_TOO_LONG(500, "5.5.6", "Line too long"),
        /** Arguments where none are allowed, or malformed ones; {@code {detail}} says which. */
        SYNTAX_ERROR(501, "5.5.4", "Syntax error in parameters: {detail}"),
        /** A MAIL or RCPT argument the parser refused (the code comes from the parser); {@code {detail}} is why. */
        ARGUMENT_ERROR(501, "5.5.4", "{detail}"),
        /** A command out of order; {@code {detail}} says what is missing. */
        BAD_SEQUENCE(503, "5.5.1", "Bad sequence of commands: {detail}"),
        /** Submission without authentication (RFC 6409, RFC 4954). */
        AUTH_REQUIRED(530, "5.7.0", "Authentication required"),
        /** A mechanism that needs TLS on a plain connection (RFC 4954 section 6). */
        ENCRYPTION_REQUIRED(538, "5.7.11", "Encryption required for requested authentication mechanism"),
        /** Wrong credentials. */
        AUTH_FAILED(535, "5.7.8", "Authentication credentials invalid"),
        /** The account store, directory or token service is down. */
        AUTH_UNAVAILABLE(454, "4.7.0", "Temporary authentication failure"),
        /** The client sent {@code *}. */
        AUTH_CANCELLED(501, "5.0.0", "Authentication cancelled"),
        /** A response that is not base64 or does not parse. */
        AUTH_MALFORMED(501, "5.5.2", "Cannot decode response"),
        /** A response over the SASL message limit. */
        AUTH_TOO_LONG(500, "5.5.6", "Authentication exchange line is too long"),
        /** An unknown or disabled mechanism. */
        AUTH_MECHANISM_UNKNOWN(504, "5.5.4", "Unrecognized authentication type"),
        /** STARTTLS when TLS is off or already on. */
        TLS_UNAVAILABLE(454, "4.7.0", "TLS not available"),
        /** A recipient in another domain from a client that may not relay. */
        RELAY_DENIED(554, "5.7.1", "Relay access denied"),
        /** No such local mailbox. */
        UNKNOWN_MAILBOX(550, "5.1.1", "Mailbox unavailable"),
        /** The account is disabled. */
        MAILBOX_DISABLED(550, "5.2.1", "Mailbox disabled"),
        /** The mailbox is full now. */
        MAILBOX_FULL(452, "4.2.2", "Mailbox full"),
        /** The message is larger than the mailbox could ever hold. */
        QUOTA_EXCEEDED(552, "5.2.2", "Message exceeds the mailbox quota"),
        /** More recipients than the limit (RFC 5321 section 4.5.3.1.10). */
        TOO_MANY_RECIPIENTS(452, "4.5.3", "Too many recipients"),
        /** SIZE or the data over the limit (RFC 1870). */
        MESSAGE_TOO_BIG(552, "5.3.4", "Message size exceeds fixed maximum message size"),
        /** Bare CR or LF in the data when they are rejected. */
        BARE_LINE_ENDING(554, "5.6.0", "Message contains bare CR or LF line endings"),
        /** DATA without any accepted recipient (RFC 2920 section 3.1). */
        NO_VALID_RECIPIENTS(554, "5.5.1", "No valid recipients"),
        /** The envelope sender is not one of the authenticated account's addresses. */
        SENDER_NOT_OWNED(553, "5.7.1", "Sender address is not owned by the authenticated user"),
        /** Storage failed; nothing was kept. */
        LOCAL_ERROR(451, "4.3.0", "Local error in processing, try again later"),
        /** The server is busy (its executor is full). */
        BUSY(421, "4.3.2", "{host} Service busy, closing connection"),
        /** An idle or total session timeout (RFC 5321 section 4.5.3.2). */
        TIMEOUT(421, "4.4.2", "{host} Timeout exceeded, closing connection"),
        /** Too many errors, unknown commands or commands without a message. */
        TOO_MANY_ERRORS(421, "4.7.0", "{host} Too many errors, closing connection"),
        /** The service is stopping. */
        SHUTTING_DOWN(421, "4.3.2", "{host} Service shutting down, closing connection"),
        /** A connection refused by the access rule or the connection limit. */
        ACCESS_DENIED(554, "5.7.1", "{host} Access denied");

        private final int code;
        private final String enhancedStatus;
        private final String defaultText;

        Key(int code, String enhancedStatus, String defaultText) {
            this.code = code;
            this.enhancedStatus = enhancedStatus;
            this.defaultText = defaultText;
        }

        /** The reply code. */
        public int code() {
            return code;
        }

        /** The enhanced status code, or {@code ""}. */
        public String enhancedStatus() {
            return enhancedStatus;
        }

        /** The default text. */
        public String defaultText() {
            return defaultText;
        }

        /** The name used in configuration: {@code RELAY_DENIED} is {@code relay-denied}. */
        public String optionName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final SmtpReplies DEFAULTS = new SmtpReplies("localhost", new EnumMap<>(Key.class));

    private final String host;
    private final EnumMap<Key, String> texts;

    private SmtpReplies(String host, EnumMap<Key, String> texts) {
        this.host = host;
        this.texts = texts;
    }

    /** The default texts, with {@code localhost} as the host name. */
    public static SmtpReplies defaults() {
        return DEFAULTS;
    }

    /** A copy that puts {@code host} in {@code {host}}. */
    public SmtpReplies withHost(String host) {
        Objects.requireNonNull(host, "host");
        return new SmtpReplies(host, texts.clone());
    }

    /**
     * A copy with {@code key}'s text replaced.
     *
     * @throws IllegalArgumentException if the text is blank or contains CR or LF
     */
    public SmtpReplies with(Key key, String text) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text for " + key.optionName() + " must be one non-blank line");
        }
        EnumMap<Key, String> copy = texts.clone();
        copy.put(key, text);
        return new SmtpReplies(host, copy);
    }

    /** The host name used in texts. */
    public String host() {
        return host;
    }

    /** The reply for {@code key}. */
    public SmtpReply reply(Key key) {
        return reply(key, "");
    }

    /** The reply for {@code key} with {@code detail} in place of {@code {detail}}. */
    public SmtpReply reply(Key key, String detail) {
        return SmtpReply.of(key.code(), key.enhancedStatus(), text(key, detail));
    }

    /** The text for {@code key} with {@code detail} in place of {@code {detail}}, without code. */
    public String text(Key key, String detail) {
        String t = texts.getOrDefault(key, key.defaultText());
        return t.replace("{host}", host).replace("{detail}", sanitize(detail));
    }

    /** The replaced texts, by key. */
    public Map<Key, String> overrides() {
        return Map.copyOf(texts);
    }

    /** Keeps client-provided text from breaking a reply line or running long. */
    private static String sanitize(String detail) {
        StringBuilder sb = new StringBuilder(Math.min(detail.length(), 200));
        for (int i = 0; i < detail.length() && sb.length() < 200; i++) {
            char c = detail.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
