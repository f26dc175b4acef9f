package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw-socket transcripts: state rules, authentication, mailbox commands, messages, IDLE, bad input. */
class ImapConversationTest {
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(Map.of("max-bad-commands", "1000"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void commandsOutsideTheirStateAreRejectedAndTheSessionContinues() throws Exception {
        try (ImapTestClient c = fixture.connect()) {
            ImapTestClient.Response cap = c.command("a1 CAPABILITY").expectOk();
            assertThat(cap.untagged().get(0))
                    .startsWith("* CAPABILITY IMAP4rev1")
                    .contains("STARTTLS");
            c.command("a2 SELECT INBOX").expect("BAD");
            c.command("a3 FETCH 1 FLAGS").expect("BAD");
            c.command("a4 FROB").expect("BAD");
            c.command("a5 NOOP").expectOk();
            c.raw("\r\n");
            assertThat(c.line()).startsWith("* BAD");
            c.command("a6 LOGOUT").expectOk();
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void loginAfterStarttlsAndPipelinedCommandsBehindStarttlsAreDropped() throws Exception {
        try (ImapTestClient c = fixture.connect()) {
            c.raw("s1 STARTTLS\r\ns2 LOGIN john@example.com secret-john\r\n");
            assertThat(c.line()).startsWith("s1 OK");
            c.startTls();
            ImapTestClient.Response cap = c.command("a1 CAPABILITY").expectOk();
            assertThat(cap.untagged().get(0)).doesNotContain("STARTTLS").doesNotContain("LOGINDISABLED");
            // the injected s2 never ran: still not authenticated
            c.command("a2 SELECT INBOX").expect("BAD");
            c.command("a3 LOGIN john@example.com wrong").expect("NO \\[AUTHENTICATIONFAILED\\]");
            c.command("a4 LOGIN {16}\r\njohn@example.com {11+}\r\nsecret-john").expectOk();
            c.command("a5 SELECT INBOX").expectOk();
        }
    }

    @Test
    void authenticatePlainWithAnInitialResponseAndWithAContinuation() throws Exception {
        String plain = Base64.getEncoder().encodeToString("\0john@example.com\0secret-john".getBytes());
        try (ImapTestClient c = fixture.connect()) {
            c.command("s STARTTLS").expectOk();
            c.startTls();
            c.command("a1 AUTHENTICATE PLAIN " + plain).expectOk();
            c.command("a2 STATUS INBOX (MESSAGES)").expectOk();
        }
        try (ImapTestClient c = fixture.connect()) {
            c.command("s STARTTLS").expectOk();
            c.startTls();
            c.raw("a1 AUTHENTICATE PLAIN\r\n");
            assertThat(c.line()).startsWith("+");
            c.raw(plain + "\r\n");
            assertThat(c.response("a1").tagged()).startsWith("a1 OK");
        }
    }

    @Test
    void mailboxesAreCreatedListedRenamedSubscribedAndDeleted() throws Exception {
        try (ImapTestClient c = fixture.john()) {
            c.command("c1 CREATE Work/2024").expectOk();
            c.command("c2 CREATE \"Caf&AOk-\"").expectOk();
            c.command("c3 CREATE Work/2024").expect("NO \\[ALREADYEXISTS\\]");
            ImapTestClient.Response list = c.command("c4 LIST \"\" *").expectOk();
            assertThat(list.untagged())
                    .contains(
                            "* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
                            "* LIST (\\HasChildren) \"/\" \"Work\"",
                            "* LIST (\\HasNoChildren) \"/\" \"Work/2024\"",
                            "* LIST (\\HasNoChildren) \"/\" \"Caf&AOk-\"");
            assertThat(c.command("c5 LIST \"\" %").untagged())
                    .doesNotContain("* LIST (\\HasNoChildren) \"/\" \"Work/2024\"");
            assertThat(c.command("c6 LIST \"\" \"\"").untagged()).containsExactly("* LIST (\\Noselect) \"/\" \"\"");
            c.command("c7 RENAME Work Jobs").expectOk();
            assertThat(c.command("c8 LIST \"\" Jobs/*").untagged())
                    .containsExactly("* LIST (\\HasNoChildren) \"/\" \"Jobs/2024\"");
            c.command("c9 SUBSCRIBE Jobs/2024").expectOk();
            assertThat(c.command("d1 LSUB \"\" *").untagged())
                    .containsExactly("* LSUB (\\HasNoChildren) \"/\" \"Jobs/2024\"");
            assertThat(c.command("d2 LIST (SUBSCRIBED) \"\" *").untagged())
                    .containsExactly("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Jobs/2024\"");
            c.command("d3 DELETE Jobs").expect("NO \\[CANNOT\\]");
            c.command("d4 DELETE Jobs/2024").expectOk();
            c.command("d5 DELETE INBOX").expect("NO");
            c.command("d6 DELETE Nothing").expect("NO \\[NONEXISTENT\\]");
            assertThat(c.command("d7 NAMESPACE").untagged()).containsExactly("* NAMESPACE ((\"\" \"/\")) NIL NIL");
            assertThat(c.command("d8 LIST \"\" (INBOX Jobs) RETURN (CHILDREN STATUS (MESSAGES UIDNEXT))")
                            .untagged())
                    .containsExactly(
                            "* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
                            "* STATUS \"INBOX\" (MESSAGES 0 UIDNEXT 1)",
                            "* LIST (\\HasNoChildren) \"/\" \"Jobs\"",
                            "* STATUS \"Jobs\" (MESSAGES 0 UIDNEXT 1)");
        }
    }

    @Test
    void namesThatWouldLeaveTheAccountAreRefusedWithCannot() throws Exception {
        try (ImapTestClient c = fixture.john()) {
            for (String name :
                    new String[] {"..", "\"../jane@example.com/INBOX\"", "/etc", "a//b", "&AC8-x", "&AC4ALg-"}) {
                c.command("x CREATE " + name).expect("NO \\[CANNOT\\]");
                c.command("y SELECT " + name).expect("NO \\[CANNOT\\]");
            }
            assertThat(c.command("z LIST \"\" *").untagged()).hasSize(1);
        }
    }

    @Test
    void appendSelectFetchStoreExpungeCopyAndMove() throws Exception {
        String message = "From: a@example.org\r\nSubject: hi\r\n\r\nHello world\r\n";
        try (ImapTestClient c = fixture.john()) {
            c.command("c1 CREATE Archive").expectOk();
            ImapTestClient.Response append = c.command("a1 APPEND INBOX (\\Flagged) \" 5-Jan-2024 10:00:00 +0100\" {"
                            + message.length() + "+}\r\n" + message)
                    .expectOk();
            assertThat(append.tagged()).matches("a1 OK \\[APPENDUID \\d+ 1\\].*");
            c.command("a2 APPEND INBOX {" + message.length() + "+}\r\n" + message)
                    .expectOk();
            c.command("a3 APPEND Nowhere {" + message.length() + "+}\r\n" + message)
                    .expect("NO \\[TRYCREATE\\]");
            ImapTestClient.Response status =
                    c.command("s1 STATUS INBOX (MESSAGES UNSEEN UIDNEXT SIZE)").expectOk();
            assertThat(status.untagged().get(0))
                    .isEqualTo("* STATUS \"INBOX\" (MESSAGES 2 UNSEEN 2 UIDNEXT 3 SIZE " + 2 * message.length() + ")");

            ImapTestClient.Response select = c.command("s2 SELECT INBOX").expectOk();
            assertThat(select.tagged()).contains("[READ-WRITE]");
            assertThat(select.untagged())
                    .contains(
                            "* 2 EXISTS",
                            "* 2 RECENT",
                            "* OK [UNSEEN 1] First unseen",
                            "* OK [UIDNEXT 3] Predicted next UID")
                    .anyMatch(l -> l.startsWith("* OK [UIDVALIDITY "))
                    .anyMatch(l ->
                            l.startsWith("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)]"));

            ImapTestClient.Response fetch = c.command("f1 FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)")
                    .expectOk();
            assertThat(fetch.untagged())
                    .containsExactly(
                            "* 1 FETCH (UID 1 FLAGS (\\Flagged \\Recent) RFC822.SIZE " + message.length()
                                    + " INTERNALDATE \"05-Jan-2024 09:00:00 +0000\")",
                            "* 2 FETCH (UID 2 FLAGS (\\Recent) RFC822.SIZE " + message.length() + " INTERNALDATE "
                                    + fetch.untagged().get(1).split("INTERNALDATE ")[1]);
            assertThat(c.command("f2 FETCH 1 (BODY.PEEK[HEADER])").untagged().get(0))
                    .isEqualTo("* 1 FETCH (BODY[HEADER] {36}\r\nFrom: a@example.org\r\nSubject: hi\r\n\r\n)");
            assertThat(c.command("f3 UID FETCH 2 (BODY.PEEK[TEXT]<6.5>)")
                            .untagged()
                            .get(0))
                    .isEqualTo("* 2 FETCH (UID 2 BODY[TEXT]<6> {5}\r\nworld)");
            assertThat(c.command("f4 FETCH 2 BODY[]").untagged().get(0))
                    .isEqualTo(
                            "* 2 FETCH (BODY[] {" + message.length() + "}\r\n" + message + " FLAGS (\\Seen \\Recent))");
            c.command("f5 FETCH 3 FLAGS").expect("BAD");

            assertThat(c.command("t1 STORE 1 +FLAGS (\\Deleted)").untagged())
                    .containsExactly("* 1 FETCH (FLAGS (\\Flagged \\Deleted \\Recent))");
            assertThat(c.command("t2 UID STORE 2 FLAGS.SILENT (\\Seen $Work)").untagged())
                    .isEmpty();
            assertThat(c.command("t3 FETCH 2 FLAGS").untagged())
                    .containsExactly("* 2 FETCH (FLAGS (\\Seen \\Recent $Work))");

            ImapTestClient.Response copy = c.command("k1 COPY 2 Archive").expectOk();
            assertThat(copy.tagged()).matches("k1 OK \\[COPYUID \\d+ 2 1\\] COPY completed");
            c.command("k2 COPY 2 Nowhere").expect("NO \\[TRYCREATE\\]");

            assertThat(c.command("e1 EXPUNGE").untagged()).containsExactly("* 1 EXPUNGE");
            ImapTestClient.Response move = c.command("m1 UID MOVE 2 Archive").expectOk();
            assertThat(move.untagged()).hasSize(2);
            assertThat(move.untagged().get(0)).matches("\\* OK \\[COPYUID \\d+ 2 2\\] Moved");
            assertThat(move.untagged().get(1)).isEqualTo("* 1 EXPUNGE");
            c.command("x1 CLOSE").expectOk();
            c.command("x2 FETCH 1 FLAGS").expect("BAD");
            ImapTestClient.Response examine = c.command("x3 EXAMINE Archive").expectOk();
            assertThat(examine.tagged()).contains("[READ-ONLY]");
            assertThat(examine.untagged()).contains("* 2 EXISTS");
            c.command("x4 STORE 1 +FLAGS (\\Deleted)").expect("NO \\[READ-ONLY\\]");
            c.command("x5 UNSELECT").expectOk();
        }
    }

    @Test
    void aLargeFetchArrivesInBatchesInOrderBeforeItsTaggedAnswer() throws Exception {
        String body = "y".repeat(20_000);
        String message = "Subject: big\r\n\r\n" + body;
        try (ImapTestClient c = fixture.john()) {
            for (int i = 0; i < 40; i++) {
                c.command("a" + i + " APPEND INBOX {" + message.length() + "+}\r\n" + message)
                        .expectOk();
            }
            c.command("s SELECT INBOX").expectOk();
            ImapTestClient.Response fetch =
                    c.command("f FETCH 1:* (BODY[TEXT])").expectOk();
            assertThat(fetch.untagged()).hasSize(40);
            for (int i = 0; i < 40; i++) {
                assertThat(fetch.untagged().get(i))
                        .startsWith("* " + (i + 1) + " FETCH (BODY[TEXT] {20000}\r\nyyy")
                        .endsWith(" FLAGS (\\Seen \\Recent))");
            }
            assertThat(c.command("g FETCH 40 FLAGS").untagged())
                    .containsExactly("* 40 FETCH (FLAGS (\\Seen \\Recent))");
        }
    }

    @Test
    void idleAndNoopReportChangesFromAnotherSession() throws Exception {
        String message = "Subject: x\r\n\r\nbody\r\n";
        try (ImapTestClient watcher = fixture.john();
                ImapTestClient writer = fixture.john()) {
            watcher.command("w1 SELECT INBOX").expectOk();
            watcher.raw("w2 IDLE\r\n");
            assertThat(watcher.line()).startsWith("+ ");
            writer.command("a1 APPEND INBOX {" + message.length() + "+}\r\n" + message)
                    .expectOk();
            assertThat(watcher.line()).isEqualTo("* 1 EXISTS");
            writer.command("s1 SELECT INBOX").expectOk();
            writer.command("s2 STORE 1 +FLAGS (\\Answered)").expectOk();
            assertThat(watcher.line()).isEqualTo("* 1 FETCH (UID 1 FLAGS (\\Answered))");
            watcher.raw("DONE\r\n");
            assertThat(watcher.response("w2").tagged()).startsWith("w2 OK");
            writer.command("s3 STORE 1 +FLAGS (\\Deleted)").expectOk();
            writer.command("s4 EXPUNGE").expectOk();
            // FETCH must not announce the expunge; NOOP does
            assertThat(watcher.command("w3 FETCH 1 FLAGS").untagged()).noneMatch(l -> l.contains("EXPUNGE"));
            assertThat(watcher.command("w4 NOOP").untagged()).contains("* 1 EXPUNGE");
        }
    }

    @Test
    void literalsOverTheLimitAreRefusedAndTheSessionGoesOn() throws Exception {
        try (ImapTestClient c = fixture.john()) {
            c.command("a1 APPEND INBOX {999999999}").expect("NO \\[TOOBIG\\]");
            c.command("a2 NOOP").expectOk();
            c.command("a3 SELECT " + "x".repeat(9000)).expect("BAD");
            c.command("a4 NOOP").expectOk();
        }
    }

    @Test
    void randomGarbageIsAnsweredWithBadAndTheSessionContinues() throws Exception {
        Random random = new Random(7);
        String alphabet = "ab1 ()[]<>\"\\*%:,.{}+-";
        try (ImapTestClient c = fixture.john()) {
            c.command("s SELECT INBOX").expectOk();
            for (int i = 0; i < 200; i++) {
                StringBuilder s = new StringBuilder("g" + i + " ");
                String[] verbs = {"FETCH", "STORE", "LIST", "UID", "COPY", "STATUS", "APPEND", "SELECT", "ID", ""};
                s.append(verbs[random.nextInt(verbs.length)]).append(' ');
                int n = random.nextInt(40);
                for (int k = 0; k < n; k++) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String line = s.toString().replaceAll("\\{[0-9+]*\\}$", "");
                ImapTestClient.Response r = c.command(line);
                assertThat(r.tagged()).as(line).matches("g" + i + " (OK|NO|BAD) .*");
            }
            c.command("z NOOP").expectOk();
        }
    }
}
