package org.icewarp.core.auth.sasl.internal;

import org.icewarp.core.auth.sasl.TokenVerdict;

/** Bits shared by the bearer-token mechanisms. */
final class Bearer {
    private Bearer() {}

    /**
     * Extracts the token of an RFC 6750 credential, {@code Bearer <b64token>} (scheme case-insensitive).
     *
     * @return the token, or null when the value is not a bearer credential
     */
    static String token(String value) {
        if (value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7);
        // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
        return token.matches("[A-Za-z0-9\\-._~+/]+=*") ? token : null;
    }

    /** The RFC 7628 section 3.2.2 error JSON. */
    static String errorJson(TokenVerdict.Invalid invalid) {
        StringBuilder json = new StringBuilder("{\"status\":\"")
                .append(escape(invalid.status()))
                .append('"');
        if (!invalid.scope().isEmpty()) {
            json.append(",\"scope\":\"").append(escape(invalid.scope())).append('"');
        }
        if (!invalid.openidConfiguration().isEmpty()) {
            json.append(",\"openid-configuration\":\"")
                    .append(escape(invalid.openidConfiguration()))
                    .append('"');
        }
        return json.append('}').toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
