package org.icewarp.benchmarks.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The messages of a run: one shared body of 76-column lines (already ending with {@code CRLF . CRLF}, no line starts
 * with a dot) behind a small per-message header, so that every message is {@code size} bytes (give or take the digits of the
 * recipient's number) and has its own Message-ID. Thread-safe.
 */
final class MessageSource {
    /** The headers without the Message-ID value; sized so that every message's header has the same length. */
    private static final String HEADER =
            "From: <%s>\r\nTo: <%s>\r\nSubject: load test\r\nMessage-ID: <%010d.load@example.org>\r\n\r\n";

    private final int size;
    private final int recipients;
    private final String domain;
    private final String sender;
    private final ByteBuf body;

    MessageSource(int size, int recipients, String domain) {
        this.size = size;
        this.recipients = recipients;
        this.domain = domain;
        this.sender = "load@remote.example";
        int headerLength = headerBytes(0, 0).length;
        StringBuilder b = new StringBuilder(size);
        int remaining = Math.max(2, size - headerLength);
        while (remaining > 0) {
            // lines of at most 78 octets with their CRLF; the last one at least 3 ("x" CRLF), so no CRLF is split
            int take = remaining > 78 ? (remaining - 78 < 3 ? remaining - 3 : 78) : remaining;
            b.append("x".repeat(take - 2)).append("\r\n");
            remaining -= take;
        }
        b.append(".\r\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
        body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
    }

    String sender() {
        return sender;
    }

    int size() {
        return size;
    }

    String recipient(int message) {
        return "load" + (message % recipients) + "@" + domain;
    }

    /** A new buffer with the header of message {@code message} (id {@code id}). */
    ByteBuf header(int id, int message) {
        return Unpooled.wrappedBuffer(headerBytes(id, message));
    }

    private byte[] headerBytes(int id, int message) {
        return String.format(HEADER, sender, recipient(message), id).getBytes(StandardCharsets.US_ASCII);
    }

    /** The shared body with the end-of-data line; the caller may write it without releasing it. */
    ByteBuf body() {
        return body.duplicate();
    }
}
