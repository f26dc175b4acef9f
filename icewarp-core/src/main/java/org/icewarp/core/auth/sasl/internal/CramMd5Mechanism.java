package org.icewarp.core.auth.sasl.internal;

import java.util.Map;
import java.util.Optional;
import org.icewarp.core.auth.sasl.SaslContext;

/** {@code CRAM-MD5} (RFC 2195) through the JDK: server-first, response {@code user SP hex(HMAC-MD5(password, challenge))}. */
public final class CramMd5Mechanism extends JdkMechanism {

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public CramMd5Mechanism() {}

    @Override
    public String name() {
        return "CRAM-MD5";
    }

    @Override
    public boolean clientFirst() {
        return false;
    }

    @Override
    Map<String, ?> properties(SaslContext context) {
        return Map.of();
    }

    @Override
    Optional<Optional<String>> userIn(byte[] response) {
        Optional<String> text = Texts.utf8(response);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String s = text.get();
        int space = s.lastIndexOf(' ');
        if (space <= 0 || !s.substring(space + 1).matches("[0-9a-fA-F]{32}")) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(s.substring(0, space)));
    }
}
