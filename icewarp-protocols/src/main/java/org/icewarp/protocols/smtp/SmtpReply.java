package org.icewarp.protocols.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SMTP reply: a three-digit code, an RFC 3463 enhanced status code (RFC 2034) and one or more lines of text.
 *
 * @param code the reply code, 200 to 599
 * @param enhancedStatus {@code class.subject.detail} whose class matches the code's first digit, or {@code ""} for
 *     replies that carry none (the greeting, the EHLO lines, 334 challenges and 354)
 * @param lines the text lines, at least one; no CR or LF inside a line
 */
public record SmtpReply(int code, String enhancedStatus, List<String> lines) {
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    /** Validates the code, the status and the lines. */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code + " is outside 200..599");
        }
        Objects.requireNonNull(enhancedStatus, "enhancedStatus");
        if (!enhancedStatus.isEmpty()) {
            if (!ENHANCED.matcher(enhancedStatus).matches()) {
                throw new IllegalArgumentException(
                        "enhanced status '" + enhancedStatus + "' is not class.subject.detail");
            }
            if (enhancedStatus.charAt(0) != Integer.toString(code).charAt(0)) {
                throw new IllegalArgumentException(
                        "enhanced status " + enhancedStatus + " does not match reply code " + code);
            }
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must not contain CR or LF");
            }
        }
    }

    /** A one-line reply. */
    public static SmtpReply of(int code, String enhancedStatus, String text) {
        return new SmtpReply(code, enhancedStatus, List.of(text));
    }

    /** Whether this is a 4xx reply. */
    public boolean isTemporary() {
        return code >= 400 && code < 500;
    }

    /** Whether this is a 4xx or 5xx reply. */
    public boolean isError() {
        return code >= 400;
    }

    /**
     * The reply as sent on the wire, each line {@code code SP|"-" [status SP] text CRLF}. Lines are UTF-8: SMTPUTF8
     * sessions may carry non-ASCII addresses in replies (RFC 6531 section 3.7.4).
     */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (!enhancedStatus.isEmpty()) {
                sb.append(enhancedStatus).append(' ');
            }
            sb.append(lines.get(i)).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return code + (enhancedStatus.isEmpty() ? "" : " " + enhancedStatus) + " " + String.join(" / ", lines);
    }
}
