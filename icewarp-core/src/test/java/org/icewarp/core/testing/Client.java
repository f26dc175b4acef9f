package org.icewarp.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.icewarp.core.service.Service;

/** A blocking socket client for tests, with a read timeout so that a broken server fails the test, not hangs it. */
public final class Client implements AutoCloseable {
    private final Socket socket;

    private Client(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the first address the service listens on, via loopback. */
    public static Client connect(Service service) throws IOException {
        return connect(service.listening().get(0).getPort());
    }

    /** Connects to a loopback port. */
    public static Client connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return new Client(s);
    }

    /** Sends text. */
    public Client send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads exactly {@code n} bytes as text. */
    public String read(int n) throws IOException {
        byte[] b = socket.getInputStream().readNBytes(n);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Reads until the server closes, returning everything as text. */
    public String readToEnd() throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    /** Reads until the server closes, returning the byte count. */
    public long drain() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** Sends a line and reads its echo. */
    public String echo(String text) throws IOException {
        send(text);
        return read(text.length());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
