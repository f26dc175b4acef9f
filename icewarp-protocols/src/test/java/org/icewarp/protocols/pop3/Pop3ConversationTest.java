package org.icewarp.protocols.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.icewarp.core.auth.AuthSettings;
import org.icewarp.core.auth.PasswordSettings;
import org.junit.jupiter.api.Test;

/** RFC 1939 conversations: the section 10 example, pipelining, RSET, TOP, byte-stuffing, large messages. */
class Pop3ConversationTest {

    /** Plain-text logins allowed in the clear and reversible secrets stored (for APOP). */
    static Pop3Fixture clearFixture(Map<String, String> options) {
        return new Pop3Fixture(
                options,
                s -> {},
                b -> b.auth(AuthSettings.builder().plainWithoutTls(true).build())
                        .passwords(PasswordSettings.builder()
                                .storeReversible(true)
                                .reversibleKey(new byte[32])
                                .build()));
    }

    /** A message of exactly {@code octets} octets with CRLF line ends. */
    static String sized(String subject, int octets) {
        String head = "Subject: " + subject + "\r\n\r\n";
        int body = octets - head.length() - 2;
        return head + "x".repeat(body) + "\r\n";
    }

    static String apopDigest(String greeting, String password) throws Exception {
        Matcher m = Pattern.compile("(<[^>]+>)$").matcher(greeting);
        assertThat(m.find()).as("timestamp in %s", greeting).isTrue();
        byte[] d = MessageDigest.getInstance("MD5").digest((m.group(1) + password).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d);
    }

    @Test
    void theExampleSessionOfRfc1939Section10() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            String one = sized("one", 120);
            String two = sized("two", 200);
            f.deliver(Pop3Fixture.JOHN, one);
            f.deliver(Pop3Fixture.JOHN, two);
            try (Pop3TestClient c = new Pop3TestClient(f.port())) {
                String greeting = c.expectOk(c.readLine());
                assertThat(greeting).matches("\\+OK pop\\.example\\.com POP3 ready <[^<>@]+@pop\\.example\\.com>");
                String login = c.command("APOP john@example.com " + apopDigest(greeting, "secret-john"));
                assertThat(login).isEqualTo("+OK Logged in, maildrop has 2 messages (320 octets)");
                assertThat(c.command("STAT")).isEqualTo("+OK 2 320");
                assertThat(c.command("LIST")).isEqualTo("+OK 2 messages");
                assertThat(c.body()).containsExactly("1 120", "2 200");
                assertThat(c.command("RETR 1")).isEqualTo("+OK 120 octets");
                assertThat(Pop3TestClient.unstuff(c.body())).isEqualTo(one);
                assertThat(c.command("DELE 1")).isEqualTo("+OK Message 1 deleted");
                assertThat(c.command("RETR 2")).isEqualTo("+OK 200 octets");
                assertThat(Pop3TestClient.unstuff(c.body())).isEqualTo(two);
                assertThat(c.command("DELE 2")).isEqualTo("+OK Message 2 deleted");
                assertThat(c.command("QUIT")).isEqualTo("+OK pop.example.com signing off (2 messages deleted)");
                assertThat(c.closedByServer()).isTrue();
            }
            assertThat(f.inbox(Pop3Fixture.JOHN)).isEmpty();
            assertThat(f.counters())
                    .containsEntry("logins", 1L)
                    .containsEntry("messages-retrieved", 2L)
                    .containsEntry("messages-deleted", 2L)
                    .containsEntry("bytes-sent", 320L + 6);
        }
    }

    @Test
    void apopWithAWrongDigestFailsWithTheAuthCode() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of());
                Pop3TestClient c = new Pop3TestClient(f.port())) {
            String greeting = c.readLine();
            assertThat(c.command("APOP john@example.com " + apopDigest(greeting, "wrong")))
                    .isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(c.command("APOP john@example.com nothex")).startsWith("-ERR Syntax");
            assertThat(c.command("APOP john@example.com " + apopDigest(greeting, "secret-john")))
                    .startsWith("+OK Logged in");
        }
    }

    @Test
    void apopIsNotOfferedWithoutReversibleSecrets() throws Exception {
        try (Pop3Fixture f = new Pop3Fixture(Map.of());
                Pop3TestClient c = new Pop3TestClient(f.port())) {
            assertThat(c.readLine()).isEqualTo("+OK pop.example.com POP3 ready");
            assertThat(c.command("APOP john@example.com 0123456789abcdef0123456789abcdef"))
                    .isEqualTo("-ERR APOP not available");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            long uid = f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("a", "line"));
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("b", "line"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.command("CAPA"));
                assertThat(c.body()).contains("PIPELINING");
                c.raw(
                        "USER john@example.com\r\nPASS secret-john\r\nSTAT\r\nUIDL 1\r\nDELE 2\r\nLIST\r\nNOOP\r\nRETR 1\r\n"
                                + "QUIT\r\n");
                c.expectOk(c.readLine());
                assertThat(c.readLine()).startsWith("+OK Logged in, maildrop has 2 messages");
                assertThat(c.readLine()).matches("\\+OK 2 \\d+");
                assertThat(c.readLine()).isEqualTo("+OK 1 " + f.uidValidity(Pop3Fixture.JOHN) + "." + uid);
                assertThat(c.readLine()).isEqualTo("+OK Message 2 deleted");
                assertThat(c.readLine()).isEqualTo("+OK 1 messages");
                assertThat(c.body()).hasSize(1).first().asString().startsWith("1 ");
                assertThat(c.readLine()).isEqualTo("+OK OK");
                c.expectOk(c.readLine());
                assertThat(c.body()).contains("Subject: a", "line");
                assertThat(c.readLine()).contains("(1 messages deleted)");
            }
            assertThat(f.inbox(Pop3Fixture.JOHN))
                    .hasSize(1)
                    .first()
                    .extracting(m -> m.uid())
                    .isEqualTo(uid);
        }
    }

    @Test
    void rsetUnmarksEveryDeletedMessage() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            f.deliver(Pop3Fixture.JOHN, sized("a", 100));
            f.deliver(Pop3Fixture.JOHN, sized("b", 50));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                c.expectOk(c.command("DELE 1"));
                c.expectOk(c.command("DELE 2"));
                assertThat(c.command("STAT")).isEqualTo("+OK 0 0");
                assertThat(c.command("RSET")).isEqualTo("+OK Maildrop has 2 messages (150 octets)");
                assertThat(c.command("STAT")).isEqualTo("+OK 2 150");
                assertThat(c.multiLine("LIST")).containsExactly("1 100", "2 50");
                assertThat(c.command("QUIT")).contains("signing off");
            }
            assertThat(f.inbox(Pop3Fixture.JOHN)).hasSize(2);
        }
    }

    @Test
    void topSendsTheHeaderTheBlankLineAndNBodyLines() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            f.deliver(Pop3Fixture.JOHN, Pop3Fixture.message("top", "one", "two", "three"));
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                List<String> header = List.of("From: sender@example.org", "To: john@example.com", "Subject: top", "");
                assertThat(c.multiLine("TOP 1 0")).isEqualTo(header);
                assertThat(c.multiLine("TOP 1 2"))
                        .containsExactly(
                                "From: sender@example.org", "To: john@example.com", "Subject: top", "", "one", "two");
                assertThat(c.multiLine("TOP 1 10")).endsWith("one", "two", "three");
                assertThat(c.command("TOP 1 x")).startsWith("-ERR Syntax");
                assertThat(c.command("TOP 1")).startsWith("-ERR Syntax");
                assertThat(c.command("TOP 2 1")).isEqualTo("-ERR No such message");
            }
        }
    }

    @Test
    void linesStartingWithADotAreByteStuffed() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            String content = Pop3Fixture.message("dots", ".", "..two", ".three", "middle . dot", "end.");
            f.deliver(Pop3Fixture.JOHN, content);
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                List<String> sent = c.multiLine("RETR 1");
                assertThat(sent).endsWith("..", "...two", "..three", "middle . dot", "end.");
                assertThat(Pop3TestClient.unstuff(sent)).isEqualTo(content);
                assertThat(c.multiLine("TOP 1 1")).endsWith("", "..");
            }
        }
    }

    @Test
    void aMessageWithoutFinalLineEndAndWithBareLineFeedsIsSentWithCrlf() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            f.deliver(Pop3Fixture.JOHN, "Subject: bare\n\n.dot\nlast");
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                assertThat(c.multiLine("RETR 1")).containsExactly("Subject: bare", "", "..dot", "last");
            }
        }
    }

    @Test
    void aLargeMessageIsStreamedInChunksIntact() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            StringBuilder sb = new StringBuilder("Subject: large\r\n\r\n");
            int i = 0;
            while (sb.length() < 3 * MessageTransfer.CHUNK + 1000) {
                sb.append(i % 7 == 0 ? "." : "").append("line ").append(i++).append(" of a large message\r\n");
            }
            String content = sb.toString();
            f.deliver(Pop3Fixture.JOHN, content);
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                assertThat(c.command("RETR 1")).isEqualTo("+OK " + content.length() + " octets");
                assertThat(Pop3TestClient.unstuff(c.body())).isEqualTo(content);
                assertThat(c.command("NOOP")).isEqualTo("+OK OK");
            }
        }
    }

    @Test
    void aMessageLargerThanTheSocketBuffersArrivesIntactBehindBackPressure() throws Exception {
        try (Pop3Fixture f = clearFixture(Map.of())) {
            StringBuilder sb = new StringBuilder("Subject: huge\r\n\r\n");
            String line = ".".repeat(3) + "x".repeat(200) + "\r\n";
            while (sb.length() < 2 << 20) {
                sb.append(line);
            }
            String content = sb.toString();
            f.deliver(Pop3Fixture.JOHN, content);
            try (Pop3TestClient c = f.connect()) {
                c.expectOk(c.login(Pop3Fixture.JOHN, "secret-john"));
                // RETR and the commands behind it in one write: they wait until the whole message is sent
                c.raw("RETR 1\r\nSTAT\r\n");
                assertThat(c.readLine()).isEqualTo("+OK " + content.length() + " octets");
                List<String> body = c.body();
                assertThat(body).hasSize(content.split("\r\n", -1).length - 1);
                assertThat(Pop3TestClient.unstuff(body)).isEqualTo(content);
                assertThat(c.readLine()).isEqualTo("+OK 1 " + content.length());
            }
        }
    }
}
