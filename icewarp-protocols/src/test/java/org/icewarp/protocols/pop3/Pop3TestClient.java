package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw-socket POP3 client for tests: writes exact bytes and reads status lines and multi-line bodies. */
final class Pop3TestClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Pop3TestClient(int port) throws IOException {
        this(plainSocket(port));
    }

    private Pop3TestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private static Socket plainSocket(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Connects with implicit TLS, trusting any certificate. */
    static Pop3TestClient implicitTls(int port) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port);
        s.startHandshake();
        return new Pop3TestClient(s);
    }

    /** Writes {@code text} as it is (no line end added). */
    Pop3TestClient raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Writes one command line with CRLF and reads its status line. */
    String command(String line) throws IOException {
        raw(line + "\r\n");
        return readLine();
    }

    /** Sends a command, expects {@code +OK}, and returns the lines of the multi-line body as sent (still stuffed). */
    List<String> multiLine(String command) throws IOException {
        expectOk(command(command));
        return body();
    }

    /** Reads body lines up to the terminating {@code .}, as sent. */
    List<String> body() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.equals(".")) {
                return lines;
            }
            lines.add(line);
        }
    }

    /** A body with the dot-stuffing undone (RFC 1939 section 3) and CRLF line ends. */
    static String unstuff(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.startsWith(".") ? l.substring(1) : l).append("\r\n");
        }
        return sb.toString();
    }

    String expectOk(String line) {
        assertThat(line).as("status line").startsWith("+OK");
        return line;
    }

    String expectErr(String line) {
        assertThat(line).as("status line").startsWith("-ERR");
        return line;
    }

    /** Reads one line without its CRLF; fails if the connection closed. */
    String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        throw new IOException("connection closed; line so far '" + b + "'");
    }

    /** Whether the server closed the connection (reads until end of stream; fails on more data). */
    boolean closedByServer() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected end of stream, got more data starting with " + (char) b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Upgrades to TLS trusting any certificate (the server's is self-signed in tests). */
    void startTls() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
    }

    /** Logs in with USER/PASS (needs TLS or plain-without-tls) and returns the status line. */
    String login(String user, String password) throws IOException {
        expectOk(command("USER " + user));
        return command("PASS " + password);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
