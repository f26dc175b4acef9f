package org.icewarp.protocols.smtp;

import java.util.Objects;
import java.util.regex.Pattern;

/** Validation of a reply a user's hook hands back: code class, RFC 3463 status, one printable line. */
final class ReplyChecks {
    // RFC 3463 section 2: class "." subject (1 to 3 digits) "." detail (1 to 3 digits)
    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    private ReplyChecks() {}

    /**
     * Checks that {@code code} is {@code replyClass}xx with a second digit 0 to 5 (RFC 5321 section 4.2), that the
     * status is {@code replyClass.x.x}, and that the text is one printable line.
     *
     * @throws IllegalArgumentException naming the component that is wrong
     */
    static void reply(int replyClass, int code, String enhancedStatus, String text) {
        Objects.requireNonNull(enhancedStatus, "enhancedStatus");
        Objects.requireNonNull(text, "text");
        if (code / 100 != replyClass || code % 100 > 59) {
            throw new IllegalArgumentException("code must be " + replyClass + "xx (RFC 5321), was " + code);
        }
        if (!STATUS.matcher(enhancedStatus).matches() || enhancedStatus.charAt(0) != (char) ('0' + replyClass)) {
            throw new IllegalArgumentException(
                    "enhancedStatus must be " + replyClass + ".x.x (RFC 3463), was '" + enhancedStatus + "'");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                // a CR or LF here would let a hook inject a further reply line
                throw new IllegalArgumentException("text must be one printable line");
            }
        }
    }
}
