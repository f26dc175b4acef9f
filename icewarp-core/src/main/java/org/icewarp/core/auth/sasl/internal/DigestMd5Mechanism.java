package org.icewarp.core.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.security.sasl.Sasl;
import org.icewarp.core.auth.sasl.SaslContext;

/**
 * {@code DIGEST-MD5} (RFC 2831, historic per RFC 6331 but still asked for) through the JDK: server-first,
 * authentication only ({@code qop=auth}; no integrity or confidentiality layer), realm and {@code digest-uri} host are
 * the server name. The server's {@code rspauth} is sent as a last challenge.
 */
public final class DigestMd5Mechanism extends JdkMechanism {

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public DigestMd5Mechanism() {}

    @Override
    public String name() {
        return "DIGEST-MD5";
    }

    @Override
    public boolean clientFirst() {
        return false;
    }

    @Override
    Map<String, ?> properties(SaslContext context) {
        return Map.of(Sasl.QOP, "auth", "com.sun.security.sasl.digest.realm", context.serverName());
    }

    @Override
    Optional<Optional<String>> userIn(byte[] response) {
        // digest-response = 1#( username | realm | nonce | ... ), values are tokens or quoted-strings (RFC 2831 7.1).
        String s = new String(response, StandardCharsets.ISO_8859_1);
        boolean utf8 = false;
        String user = null;
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim();
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        value.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            if (key.equalsIgnoreCase("username")) {
                user = value.toString();
            } else if (key.equalsIgnoreCase("charset")) {
                utf8 = value.toString().trim().equalsIgnoreCase("utf-8");
            }
        }
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        if (utf8) {
            Optional<String> decoded = Texts.utf8(user.getBytes(StandardCharsets.ISO_8859_1));
            return decoded.isEmpty() ? Optional.empty() : Optional.of(decoded);
        }
        return Optional.of(Optional.of(user));
    }
}
