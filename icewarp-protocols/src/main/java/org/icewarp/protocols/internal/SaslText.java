package org.icewarp.protocols.internal;

import java.util.Base64;

/**
 * SASL messages as the line protocols carry them: base64, with {@code =} alone standing for an empty initial
 * response (RFC 4954 section 4, RFC 5034 section 4, RFC 4959). Internal to the protocols.
 */
public final class SaslText {
    private SaslText() {}

    /**
     * Decodes a client's line.
     *
     * @param initial whether it is an initial response, where {@code =} means "empty"
     * @return the bytes, or {@code null} when the text is not base64
     */
    public static byte[] decode(String text, boolean initial) {
        if (initial && text.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Encodes a server challenge. */
    public static String encode(byte[] challenge) {
        return Base64.getEncoder().encodeToString(challenge);
    }
}
