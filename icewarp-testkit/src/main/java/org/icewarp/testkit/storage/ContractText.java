package org.icewarp.testkit.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Small ASCII messages for the mailbox contracts: as streams to append, and read back as text. */
final class ContractText {
    private ContractText() {}

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a message to its end as ASCII, closing the stream. */
    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
