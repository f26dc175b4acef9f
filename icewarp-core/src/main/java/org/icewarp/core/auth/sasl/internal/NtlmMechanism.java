package org.icewarp.core.auth.sasl.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.icewarp.core.auth.sasl.SaslContext;

/**
 * {@code NTLM} through the JDK ({@code com.sun.security.ntlm}): client-first, Type 1 → Type 2 challenge → Type 3. The
 * user name is read from the Type 3 message to fetch the password before the JDK verifies it. The NTLM domain is the
 * server name. NTLM is weak (MD4-based); enable it only for legacy Windows clients, over TLS.
 */
public final class NtlmMechanism extends JdkMechanism {
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int NEGOTIATE_UNICODE = 0x1;

    /** Creates the mechanism (for {@link java.util.ServiceLoader}). */
    public NtlmMechanism() {}

    @Override
    public String name() {
        return "NTLM";
    }

    @Override
    Map<String, ?> properties(SaslContext context) {
        return Map.of();
    }

    @Override
    Optional<Optional<String>> userIn(byte[] m) {
        if (m.length < 12) {
            return Optional.empty();
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (m[i] != SIGNATURE[i]) {
                return Optional.empty();
            }
        }
        int type = le32(m, 8);
        if (type == 1) {
            return Optional.of(Optional.empty());
        }
        // Type 3: LM (12), NT (20), domain (28), user (36), workstation (44) security buffers; flags at 60.
        if (type != 3 || m.length < 64) {
            return Optional.empty();
        }
        int length = le16(m, 36);
        int offset = le32(m, 40);
        if (length == 0 || offset < 0 || offset > m.length - length) {
            return Optional.empty();
        }
        boolean unicode = (le32(m, 60) & NEGOTIATE_UNICODE) != 0;
        String user = new String(m, offset, length, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
        return Optional.of(Optional.of(user));
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }
}
