package org.icewarp.protocols.pop3;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Objects;

/**
 * The status lines of the POP3 service, each with its fixed sign and response code and a replaceable text (the seed's
 * strings translation). Texts may contain {@code {host}} and {@code {detail}}. In configuration a text is replaced by
 * {@code options.replies.<key>}, the key's name in lower case with {@code -} for {@code _} ({@code replies.greeting}).
 * Immutable.
 */
final class Pop3Replies {

    /** The replies with their sign, response code and default text. */
    enum Key {
        GREETING(true, "", "{host} POP3 ready"),
        BYE(true, "", "{host} signing off"),
        /** QUIT in UPDATE state; {@code {detail}} is the number of messages removed. */
        BYE_UPDATED(true, "", "{host} signing off ({detail} messages deleted)"),
        CAPA(true, "", "Capability list follows"),
        USER_OK(true, "", "Send PASS"),
        /** A login; {@code {detail}} is "n messages (m octets)". */
        LOGGED_IN(true, "", "Logged in, maildrop has {detail}"),
        /** STAT and the one-message LIST and UIDL lines are built from the numbers, not from this table. */
        LIST_FOLLOWS(true, "", "{detail} messages"),
        UIDL_FOLLOWS(true, "", "Unique-ID listing follows"),
        MESSAGE_FOLLOWS(true, "", "{detail} octets"),
        TOP_FOLLOWS(true, "", "Top of message follows"),
        DELETED(true, "", "Message {detail} deleted"),
        NOOP(true, "", "OK"),
        /** RSET; {@code {detail}} is "n messages (m octets)". */
        RESET(true, "", "Maildrop has {detail}"),
        STLS(true, "", "Begin TLS negotiation"),
        /** The list of mechanisms after a bare AUTH. */
        AUTH_LIST(true, "", "Mechanisms follow"),
        AUTH_OK(true, "", "Logged in"),
        UNKNOWN_COMMAND(false, "", "Unknown command"),
        /** A command not allowed in the session's state; {@code {detail}} says why. */
        BAD_STATE(false, "", "{detail}"),
        /** Bad arguments; {@code {detail}} shows the expected form. */
        SYNTAX(false, "", "Syntax: {detail}"),
        LINE_TOO_LONG(false, "", "Line too long"),
        NO_SUCH_MESSAGE(false, "", "No such message"),
        ALREADY_DELETED(false, "", "Message {detail} already deleted"),
        AUTH_FAILED(false, "AUTH", "Authentication failed"),
        /** USER/PASS or a plain-text mechanism on a connection where the policy wants TLS. */
        PLAINTEXT_DISABLED(false, "AUTH", "Plaintext authentication disallowed on non-secure connections"),
        APOP_UNAVAILABLE(false, "", "APOP not available"),
        AUTH_UNAVAILABLE(false, "SYS/TEMP", "Authentication temporarily unavailable, try again later"),
        AUTH_CANCELLED(false, "", "Authentication cancelled"),
        AUTH_MALFORMED(false, "", "Cannot decode response"),
        MECHANISM_UNKNOWN(false, "", "Unrecognized authentication type"),
        IN_USE(false, "IN-USE", "Maildrop is locked by another session"),
        LOGIN_DELAY(false, "LOGIN-DELAY", "Minimum time between logins not reached"),
        /** The account has no mailbox or the store refused it for good. */
        MAILDROP_UNAVAILABLE(false, "SYS/PERM", "Maildrop unavailable"),
        /** Storage failed; the client may retry. */
        LOCAL_ERROR(false, "SYS/TEMP", "Local error, try again later"),
        /** Deletions could not be applied at QUIT (RFC 1939 section 6). */
        UPDATE_FAILED(false, "SYS/TEMP", "Some deleted messages not removed"),
        TLS_UNAVAILABLE(false, "", "TLS not available"),
        TIMEOUT(false, "", "{host} Autologout; idle for too long"),
        TOO_MANY_ERRORS(false, "", "{host} Too many errors, closing connection"),
        BUSY(false, "SYS/TEMP", "{host} Service busy, try again later"),
        ACCESS_DENIED(false, "", "{host} Access denied");

        private final boolean ok;
        private final String code;
        private final String defaultText;

        Key(boolean ok, String code, String defaultText) {
            this.ok = ok;
            this.code = code;
            this.defaultText = defaultText;
        }

        /** The name in configuration: {@code IN_USE} is {@code in-use}. */
        String optionName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        String defaultText() {
            return defaultText;
        }
    }

    private static final Pop3Replies DEFAULTS = new Pop3Replies("localhost", new EnumMap<>(Key.class));

    private final String host;
    private final EnumMap<Key, String> texts;

    private Pop3Replies(String host, EnumMap<Key, String> texts) {
        this.host = host;
        this.texts = texts;
    }

    static Pop3Replies defaults() {
        return DEFAULTS;
    }

    Pop3Replies withHost(String host) {
        return new Pop3Replies(Objects.requireNonNull(host, "host"), texts.clone());
    }

    /**
     * A copy with {@code key}'s text replaced.
     *
     * @throws IllegalArgumentException if the text is blank or not one line
     */
    Pop3Replies with(Key key, String text) {
        if (text.isBlank() || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reply text for " + key.optionName() + " must be one non-blank line");
        }
        EnumMap<Key, String> copy = texts.clone();
        copy.put(key, text);
        return new Pop3Replies(host, copy);
    }

    static Key byOptionName(String name) {
        for (Key k : Key.values()) {
            if (k.optionName().equals(name)) {
                return k;
            }
        }
        return null;
    }

    Pop3Reply reply(Key key) {
        return reply(key, "");
    }

    Pop3Reply reply(Key key, String detail) {
        String t = texts.getOrDefault(key, key.defaultText);
        return new Pop3Reply(key.ok, key.code, t.replace("{host}", host).replace("{detail}", sanitize(detail)));
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
