package org.icewarp.protocols.passwd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.icewarp.core.auth.AuthRequest;
import org.icewarp.core.auth.AuthResult;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.Mechanism;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.server.IceWarpServer;
import org.icewarp.storage.Account;
import org.icewarp.storage.Domain;
import org.icewarp.storage.EmailAddress;
import org.junit.jupiter.api.Test;

/** The poppassd dialogue: change, wrong old password, TLS requirement. */
class PasswdServiceTest {

    private static IceWarpServer server(Consumer<ServiceConfig.Builder> service, boolean plainAuth) {
        ServiceConfig.Builder s = ServiceConfig.builder("passwd").ports(0);
        service.accept(s);
        ServerConfig.Builder b = ServerConfig.builder().service(s.build());
        if (plainAuth) {
            b.auth(AuthSettings.builder().plainWithoutTls(true).build());
        }
        IceWarpServer server = IceWarpServer.builder().config(b.build()).build();
        server.start();
        server.accounts().createDomain(Domain.of("example.com"));
        server.accounts().createAccount(Account.of("john@example.com"));
        server.authenticator()
                .credentials()
                .setPassword(server.accounts(), EmailAddress.parse("john@example.com"), "old-secret");
        return server;
    }

    private static int port(IceWarpServer server) {
        return server.services().require("passwd").listening().get(0).getPort();
    }

    private static boolean logsIn(IceWarpServer server, String password) throws Exception {
        AuthResult r = server.authenticator()
                .authenticate(AuthRequest.password(
                        "test",
                        InetAddress.getLoopbackAddress(),
                        "t",
                        true,
                        "john@example.com",
                        Mechanism.USER,
                        password))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        return r.succeeded();
    }

    /** A line client over a socket. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(30_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        static Client plain(int port) throws IOException {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new Client(s);
        }

        static Client tls(int port) throws Exception {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustAll()}, null);
            return new Client(ssl.getSocketFactory().createSocket("127.0.0.1", port));
        }

        String line() throws IOException {
            return in.readLine();
        }

        String send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return line();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aUserChangesThePasswordAndLogsInWithTheNewOne() throws Exception {
        try (IceWarpServer server = server(s -> s.binding(new Binding("127.0.0.1", 0, true, "", false, "")), false);
                Client c = Client.tls(port(server))) {
            assertThat(c.line()).isEqualTo("200 poppassd hello, who are you?");
            assertThat(c.send("user john@example.com")).isEqualTo("200 Your password please.");
            assertThat(c.send("pass old-secret")).isEqualTo("200 Your new password please.");
            assertThat(c.send("newpass short")).startsWith("500 New password must be at least 8");
            assertThat(c.send("newpass brand-new-secret")).isEqualTo("200 Password changed, thank-you.");
            assertThat(c.send("quit")).isEqualTo("200 Bye.");
            assertThat(logsIn(server, "brand-new-secret")).isTrue();
            assertThat(logsIn(server, "old-secret")).isFalse();
            assertThat(server.services().require("passwd").stats().counters()).containsEntry("passwords-changed", 1L);
        }
    }

    @Test
    void aWrongOldPasswordIsRefusedAndNothingChanges() throws Exception {
        try (IceWarpServer server = server(s -> s.option("allow-plain", "true"), true);
                Client c = Client.plain(port(server))) {
            assertThat(c.line()).startsWith("200 ");
            assertThat(c.send("newpass whatever-secret")).isEqualTo("500 Send user and pass first.");
            assertThat(c.send("pass old-secret")).isEqualTo("500 Send user first.");
            assertThat(c.send("user john@example.com")).startsWith("200 ");
            assertThat(c.send("pass wrong")).isEqualTo("500 Old password is incorrect.");
            assertThat(c.send("newpass whatever-secret")).isEqualTo("500 Send user and pass first.");
            assertThat(c.send("bogus")).isEqualTo("500 Unknown command.");
            assertThat(c.send("quit")).isEqualTo("200 Bye.");
            assertThat(logsIn(server, "old-secret")).isTrue();
        }
    }

    @Test
    void aConnectionWithoutTlsIsRefusedByDefault() throws Exception {
        try (IceWarpServer server = server(s -> {}, true);
                Client c = Client.plain(port(server))) {
            assertThat(c.line()).isEqualTo("500 Encrypted connection required; use the TLS port");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void tooManyWrongPasswordsCloseTheConnection() throws Exception {
        try (IceWarpServer server = server(s -> s.option("allow-plain", "true").option("max-failures", "2"), true);
                Client c = Client.plain(port(server))) {
            c.line();
            c.send("user john@example.com");
            assertThat(c.send("pass a")).startsWith("500 ");
            c.send("user john@example.com");
            assertThat(c.send("pass b")).startsWith("500 ");
            assertThat(c.line()).isNull();
        }
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
