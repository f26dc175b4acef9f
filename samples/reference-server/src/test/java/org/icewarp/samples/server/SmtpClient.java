package org.icewarp.samples.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal SMTP client over a plain socket, one command at a time, so that a test knows exactly which bytes it sent
 * and which reply each got. {@link #send} dot-stuffs the message (RFC 5321 section 4.5.2) and ends it with {@code
 * <CRLF>.<CRLF>}; the message must use CRLF line endings and end with CRLF.
 */
final class SmtpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A reply: the code and its lines (without the code and separator). */
    record Reply(int code, List<String> lines) {
        Reply {
            lines = List.copyOf(lines);
        }

        @Override
        public String toString() {
            return code + " " + String.join(" / ", lines);
        }
    }

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to the loopback port, reads the greeting (expects 220) and says EHLO (expects 250). */
    static SmtpClient connect(int port, Duration timeout) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) timeout.toMillis());
        SmtpClient c = new SmtpClient(s);
        try {
            c.expect(c.read(), 220, "greeting");
            c.expect(c.command("EHLO client.test"), 250, "EHLO");
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Sends one line (CRLF added) and returns the reply. */
    Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    /**
     * One transaction: MAIL, RCPT for each recipient, DATA and the message. Returns the reply to the end of data, or
     * the first reply that refused the transaction before it.
     */
    Reply send(String from, List<String> to, byte[] message) throws IOException {
        Reply mail = command("MAIL FROM:<" + from + ">");
        if (mail.code() != 250) {
            return mail;
        }
        for (String rcpt : to) {
            Reply r = command("RCPT TO:<" + rcpt + ">");
            if (r.code() != 250) {
                command("RSET");
                return r;
            }
        }
        Reply data = command("DATA");
        if (data.code() != 354) {
            return data;
        }
        out.write(dotStuffed(message));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    /** The message as it goes over the wire: a '.' doubled at the start of each line. */
    static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(message.length + 16);
        boolean lineStart = true;
        for (byte x : message) {
            if (lineStart && x == '.') {
                b.write('.');
            }
            b.write(x);
            lineStart = x == '\n';
        }
        return b.toByteArray();
    }

    /** Reads one reply, single- or multi-line. */
    Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 3) {
                throw new IOException("not an SMTP reply line: '" + line + "'");
            }
            int code = Integer.parseInt(line.substring(0, 3));
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(code, lines);
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(c);
        }
    }

    private void expect(Reply reply, int code, String what) {
        if (reply.code() != code) {
            throw new IllegalStateException(what + ": expected " + code + ", got " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
