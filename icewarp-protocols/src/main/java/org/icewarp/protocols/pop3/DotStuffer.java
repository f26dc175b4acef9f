package org.icewarp.protocols.pop3;

import java.io.ByteArrayOutputStream;

/**
 * Turns stored message content into the body of a multi-line response (RFC 1939 section 3), chunk by chunk: a line
 * that starts with {@code .} gets a second one; a bare LF becomes CRLF (clients split lines at LF, and a stuffed dot
 * after a bare LF would otherwise be ambiguous); {@link #finish} ends the last line with CRLF if needed and adds the
 * terminating {@code .CRLF}. For TOP it also stops after the header, the blank line and {@code n} body lines.
 *
 * <p>Octet counts: LIST and RETR report the size as stored; messages stored by this server's SMTP have CRLF line ends,
 * so the count matches what is sent. A message stored with bare LF is sent with CRLF and is then longer than its
 * count. Not thread-safe; one transfer uses it from one thread at a time.
 */
final class DotStuffer {
    private final long bodyLines;
    private boolean lineStart = true;
    private boolean afterCr;
    private boolean inHeader = true;
    private boolean lineEmpty = true;
    private long linesSent;
    private boolean done;

    /** @param bodyLines body lines to send after the header (TOP), or {@code -1} for the whole message */
    DotStuffer(long bodyLines) {
        this.bodyLines = bodyLines;
        if (bodyLines == Long.MAX_VALUE) {
            throw new IllegalArgumentException("bodyLines");
        }
    }

    /** Whether TOP has sent all it should; the rest of the message need not be read. */
    boolean done() {
        return done;
    }

    /** Appends the stuffed form of {@code in[0..length)} to {@code out}, stopping when {@link #done()}. */
    void transform(byte[] in, int length, ByteArrayOutputStream out) {
        for (int i = 0; i < length && !done; i++) {
            byte b = in[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n') {
                if (!afterCr) {
                    out.write('\r');
                }
                out.write('\n');
                endOfLine();
                continue;
            }
            out.write(b);
            afterCr = b == '\r';
            lineStart = false;
            if (b != '\r') {
                lineEmpty = false;
            }
        }
    }

    private void endOfLine() {
        lineStart = true;
        afterCr = false;
        if (inHeader) {
            if (lineEmpty) {
                inHeader = false;
                done = bodyLines == 0;
            }
        } else if (bodyLines >= 0 && ++linesSent >= bodyLines) {
            done = true;
        }
        lineEmpty = true;
    }

    /** Ends the response: CRLF after an unterminated last line, then {@code .CRLF}. */
    void finish(ByteArrayOutputStream out) {
        if (!lineStart) {
            if (!afterCr) {
                out.write('\r');
            }
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
    }
}
