package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.icewarp.core.config.Binding;
import org.junit.jupiter.api.Test;

/** STLS with the injection defence, implicit TLS, and which logins are allowed in the clear. */
class Pop3TlsAuthTest {

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void capaInTheClearOffersStlsButNeitherUserNorPlain() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of());
                Pop3TestClient c = f.connect()) {
            List<String> capa = c.multiLine("CAPA");
            assertThat(capa).contains("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "STLS");
            assertThat(capa).doesNotContain("USER");
            assertThat(capa).noneMatch(l -> l.startsWith("SASL") && l.contains("PLAIN"));
        }
    }

    @Test
    void userAndPassAreRefusedInTheClearByDefault() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of());
                Pop3TestClient c = f.connect()) {
            assertThat(c.command("USER john@example.com"))
                    .isEqualTo("-ERR [AUTH] Plaintext authentication disallowed on non-secure connections");
            assertThat(c.command("AUTH PLAIN " + plain(Pop3Fixture.JOHN, "secret-john")))
                    .startsWith("-ERR [AUTH] Plaintext");
            assertThat(c.command("AUTH NOSUCH")).isEqualTo("-ERR Unrecognized authentication type");
        }
    }

    @Test
    void commandsPipelinedBehindStlsAreDiscarded() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of());
                Pop3TestClient c = f.connect()) {
            c.raw("STLS\r\nUSER injected@example.com\r\nNOOP\r\n");
            assertThat(c.readLine()).isEqualTo("+OK Begin TLS negotiation");
            c.startTls();
            // had USER run, PASS would now be accepted; had NOOP run, its -ERR would come first
            assertThat(c.command("PASS secret-john")).isEqualTo("-ERR send USER first");
            List<String> capa = c.multiLine("CAPA");
            assertThat(capa).contains("USER").doesNotContain("STLS");
            assertThat(capa).anyMatch(l -> l.startsWith("SASL ") && l.contains("PLAIN"));
            assertThat(c.command("STLS")).isEqualTo("-ERR TLS not available");
        }
    }

    @Test
    void aUserGivenBeforeStlsIsForgotten() throws Exception {
        try (Pop3Fixture f = Pop3ConversationTest.clearFixture(Map.of());
                Pop3TestClient c = f.connect()) {
            c.expectOk(c.command("USER john@example.com"));
            c.expectOk(c.command("STLS"));
            c.startTls();
            assertThat(c.command("PASS secret-john")).isEqualTo("-ERR send USER first");
        }
    }

    @Test
    void authPlainOverTlsWithInitialResponseContinuationAndCancel() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of())) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("tls"));
            try (Pop3TestClient c = f.connectTls()) {
                assertThat(c.command("AUTH PLAIN " + plain(Pop3Fixture.JOHN, "wrong")))
                        .isEqualTo("-ERR [AUTH] Authentication failed");
                assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
                assertThat(c.command("*")).isEqualTo("-ERR Authentication cancelled");
                assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
                assertThat(c.command("not base64!")).isEqualTo("-ERR Cannot decode response");
                assertThat(c.multiLine("AUTH")).contains("PLAIN", "LOGIN");
                assertThat(c.command("AUTH PLAIN " + plain(Pop3Fixture.JOHN, "secret-john")))
                        .startsWith("+OK Logged in, maildrop has 1 messages");
                assertThat(c.command("STAT")).startsWith("+OK 1 ");
            }
        }
    }

    @Test
    void userAndPassWorkOverTls() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of());
                Pop3TestClient c = f.connectTls()) {
            assertThat(c.login(Pop3Fixture.JOHN, "secret-john")).startsWith("+OK Logged in");
        }
    }

    @Test
    void implicitTlsBindingGreetsOnlyAfterTheHandshake() throws Exception {
        try (Pop3Fixture f =
                new Pop3Fixture(Map.of(), s -> s.binding(new Binding("127.0.0.1", 0, true, "", false, "")), b -> {})) {
            // a binding replaces the plain ports: the only listener speaks TLS
            int tlsPort = f.port();
            try (Pop3TestClient c = Pop3TestClient.implicitTls(tlsPort)) {
                c.expectOk(c.readLine());
                assertThat(c.multiLine("CAPA")).contains("USER").doesNotContain("STLS");
                assertThat(c.login(Pop3Fixture.JOHN, "secret-john")).startsWith("+OK Logged in");
            }
        }
    }
}
