package org.icewarp.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A blocking TLS client for tests: trusts any server certificate (the tests look at which one was presented), sends
 * SNI only when asked, and can present a client certificate.
 */
public final class TlsClient implements AutoCloseable {
    private final SSLSocket socket;

    private TlsClient(SSLSocket socket) {
        this.socket = socket;
    }

    /** Connects and completes the handshake. */
    public static TlsClient connect(String ip, int port, String sni) throws IOException {
        return connect(ip, port, sni, null, List.of());
    }

    /**
     * Connects and completes the handshake.
     *
     * @param sni the server name to send, or {@code null} for none
     * @param clientCertificate the client certificate to present, or {@code null}
     * @param protocols the TLS versions to offer; empty for the JDK's defaults
     */
    public static TlsClient connect(
            String ip, int port, String sni, KeyManagerFactory clientCertificate, List<String> protocols)
            throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(ip, port), 5_000);
        plain.setSoTimeout(10_000);
        return wrap(plain, sni, clientCertificate, protocols);
    }

    /** Starts TLS on a connected socket (after STARTTLS) and completes the handshake. */
    public static TlsClient wrap(Socket plain, String sni, KeyManagerFactory clientCertificate, List<String> protocols)
            throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(
                    clientCertificate == null ? null : clientCertificate.getKeyManagers(),
                    new TrustManager[] {new TrustAll()},
                    null);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory()
                    .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            if (!protocols.isEmpty()) {
                p.setProtocols(protocols.toArray(String[]::new));
            }
            s.setSSLParameters(p);
            s.setUseClientMode(true);
            s.startHandshake();
            return new TlsClient(s);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The leaf certificate the server presented. */
    public X509Certificate peer() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** The common name of the server's certificate. */
    public String peerName() throws IOException {
        String dn = peer().getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return dn;
    }

    /** The negotiated TLS version. */
    public String protocol() {
        return socket.getSession().getProtocol();
    }

    /** Sends text. */
    public TlsClient send(String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /** Reads one line (without its terminator), or {@code null} at the end of the stream. */
    public String readLine() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                return sb.toString().stripTrailing();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
