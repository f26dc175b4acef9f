package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.icewarp.core.config.Binding;
import org.icewarp.core.config.ServerConfig;
import org.icewarp.core.config.ServiceConfig;
import org.icewarp.core.service.ServiceFactory;
import org.icewarp.server.IceWarpServer;
import org.junit.jupiter.api.Test;

/** The factory, implicit TLS, plain-text login policy, options and timeouts. */
class ImapServiceTest {

    @Test
    void theFactoryIsFoundWithTheSeedsModuleAndPortAndIsOffByDefault() {
        ServiceFactory imap = ServiceLoader.load(ServiceFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("imap"))
                .findFirst()
                .orElseThrow();
        assertThat(imap.defaultModule()).isEqualTo("pop3-imap");
        assertThat(imap.defaultPorts()).isEqualTo(List.of(143));
        assertThat(imap.enabledByDefault()).isFalse();
    }

    @Test
    void loginIsRefusedInTheClearAndLoginDisabledIsAdvertised() throws Exception {
        try (ImapFixture fixture = new ImapFixture();
                ImapTestClient c = fixture.connect()) {
            assertThat(c.command("a CAPABILITY").untagged().get(0)).contains("LOGINDISABLED");
            c.command("b LOGIN john@example.com secret-john").expect("NO \\[PRIVACYREQUIRED\\]");
            c.command("c AUTHENTICATE PLAIN AGpvaG5AZXhhbXBsZS5jb20Ac2VjcmV0LWpvaG4=")
                    .expect("NO \\[PRIVACYREQUIRED\\]");
        }
    }

    @Test
    void repeatedLoginFailuresEndTheSession() throws Exception {
        try (ImapFixture fixture = new ImapFixture(Map.of("max-auth-failures", "2"));
                ImapTestClient c = fixture.connect()) {
            c.command("s STARTTLS").expectOk();
            c.startTls();
            c.command("a LOGIN john@example.com bad1").expect("NO");
            c.raw("b LOGIN john@example.com bad2\r\n");
            ImapTestClient.Response r = c.response("b");
            assertThat(r.tagged()).startsWith("b NO");
            assertThat(c.line()).startsWith("* BYE");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleClientIsLoggedOutWithBye() throws Exception {
        try (ImapFixture fixture = new ImapFixture(Map.of("timeouts.login", "300ms"));
                ImapTestClient c = fixture.connect()) {
            assertThat(c.line()).startsWith("* BYE Autologout");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anUnknownOptionFailsTheStartNamingTheKey() {
        ServiceConfig s =
                ServiceConfig.builder("imap").ports(0).option("no-such", "1").build();
        assertThatThrownBy(() -> {
                    try (IceWarpServer server = IceWarpServer.builder()
                            .config(ServerConfig.builder().service(s).build())
                            .build()) {
                        server.start();
                    }
                })
                .hasStackTraceContaining("no-such");
    }

    @Test
    void anImplicitTlsBindingGreetsInsideTls() throws Exception {
        ServiceConfig s = ServiceConfig.builder("imap")
                .binding(new Binding("127.0.0.1", 0, true, "", false, ""))
                .build();
        try (IceWarpServer server = IceWarpServer.builder()
                .config(ServerConfig.builder().service(s).build())
                .build()) {
            server.start();
            int port = server.services().require("imap").listening().get(0).getPort();
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new ImapTestClient.TrustAll()}, null);
            try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String greeting = in.readLine();
                assertThat(greeting).startsWith("* OK [CAPABILITY IMAP4rev1").doesNotContain("STARTTLS");
                assertThat(greeting).doesNotContain("LOGINDISABLED");
            }
        }
    }
}
