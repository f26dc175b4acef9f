package org.icewarp.protocols.pop3;

import java.nio.charset.StandardCharsets;

/**
 * One status line: {@code +OK text} or {@code -ERR [CODE] text} (RFC 1939 section 3, response codes of RFC 2449
 * section 8 and RFC 3206).
 *
 * @param ok whether the status is positive
 * @param code the response code without brackets ({@code AUTH}, {@code SYS/TEMP}, {@code IN-USE}), or {@code ""}
 * @param text the text, one line
 */
record Pop3Reply(boolean ok, String code, String text) {

    static Pop3Reply ok(String text) {
        return new Pop3Reply(true, "", text);
    }

    static Pop3Reply err(String code, String text) {
        return new Pop3Reply(false, code, text);
    }

    /** The line with CRLF. */
    byte[] encode() {
        return (toString() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(ok ? "+OK" : "-ERR");
        if (!code.isEmpty()) {
            sb.append(" [").append(code).append(']');
        }
        if (!text.isEmpty()) {
            sb.append(' ').append(text);
        }
        return sb.toString();
    }
}
