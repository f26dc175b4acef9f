package org.icewarp.core.auth.sasl.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict decoding of client bytes. */
final class Texts {
    private Texts() {}

    /**
     * Decodes UTF-8, refusing malformed sequences and NUL (no mechanism allows NUL inside a field).
     *
     * @return the text, or empty when the bytes are not valid UTF-8 or contain NUL
     */
    static Optional<String> utf8(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static Optional<String> utf8(byte[] bytes) {
        return utf8(bytes, 0, bytes.length);
    }
}
