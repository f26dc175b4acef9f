package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw-socket IMAP client for tests: writes exact bytes, reads responses (literals included) up to the tagged one. */
final class ImapTestClient implements AutoCloseable {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");

    /** The untagged lines and the tagged line of one command. */
    record Response(List<String> untagged, String tagged) {
        Response expectOk() {
            assertThat(tagged).as("response %s", this).matches("\\S+ OK.*");
            return this;
        }

        Response expect(String status) {
            assertThat(tagged).as("response %s", this).matches("\\S+ " + status + ".*");
            return this;
        }

        String all() {
            return String.join("\n", untagged) + "\n" + tagged;
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    ImapTestClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    ImapTestClient raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Sends one line (CRLF added) and reads up to the tagged response of its tag. */
    Response command(String line) throws IOException {
        raw(line + "\r\n");
        return response(line.substring(0, line.indexOf(' ')));
    }

    /** Reads lines until one starts with {@code tag}. */
    Response response(String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("connection closed; lines so far " + untagged);
            }
            if (line.startsWith(tag + " ")) {
                return new Response(untagged, line);
            }
            untagged.add(line);
        }
    }

    /** One response line, with any literals it carries read into it. */
    String line() throws IOException {
        StringBuilder full = new StringBuilder();
        while (true) {
            String part = rawLine();
            if (part == null) {
                return full.length() == 0 ? null : full.toString();
            }
            full.append(part);
            Matcher m = LITERAL.matcher(part);
            if (!m.find()) {
                return full.toString();
            }
            byte[] literal = in.readNBytes(Integer.parseInt(m.group(1)));
            full.append("\r\n").append(new String(literal, StandardCharsets.UTF_8));
        }
    }

    private String rawLine() throws IOException {
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
        return null;
    }

    /** Whether the server closed the connection. */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    /** Upgrades to TLS trusting any certificate. */
    void startTls() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
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
