package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SEARCH and UID SEARCH over a small mailbox (RFC 3501 section 6.4.4). */
class ImapSearchTest {
    private static ImapFixture fixture;
    private static ImapTestClient client;

    private static String message(String from, String subject, String date, String body) {
        return "From: " + from + "\r\nSubject: " + subject + "\r\nDate: " + date + "\r\n\r\n" + body + "\r\n";
    }

    @BeforeAll
    static void fill() throws Exception {
        fixture = new ImapFixture();
        client = fixture.john();
        String[] messages = {
            message("alice@example.org", "Quarterly report", "Mon, 1 Jan 2024 10:00:00 +0000", "numbers inside"),
            message("bob@example.org", "Lunch?", "Tue, 2 Jan 2024 10:00:00 +0000", "pizza or sushi"),
            message("alice@example.org", "Re: Lunch?", "Wed, 3 Jan 2024 10:00:00 +0000", "sushi " + "x".repeat(500)),
        };
        String[] flags = {"(\\Seen)", "(\\Flagged)", "()"};
        String[] dates = {
            "\"01-Jan-2024 10:00:00 +0000\"", "\"02-Jan-2024 10:00:00 +0000\"", "\"03-Jan-2024 10:00:00 +0000\""
        };
        for (int i = 0; i < messages.length; i++) {
            client.command("a APPEND INBOX " + flags[i] + " " + dates[i] + " {" + messages[i].length() + "+}\r\n"
                            + messages[i])
                    .expectOk();
        }
        client.command("s SELECT INBOX").expectOk();
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
        fixture.close();
    }

    private static String search(String criteria) throws Exception {
        ImapTestClient.Response r = client.command("q " + criteria).expectOk();
        assertThat(r.untagged()).hasSize(1);
        return r.untagged().get(0);
    }

    @Test
    void flagsSizesAndSets() throws Exception {
        assertThat(search("SEARCH ALL")).isEqualTo("* SEARCH 1 2 3");
        assertThat(search("SEARCH UNSEEN")).isEqualTo("* SEARCH 2 3");
        assertThat(search("SEARCH FLAGGED")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH NOT SEEN NOT FLAGGED")).isEqualTo("* SEARCH 3");
        assertThat(search("SEARCH OR SEEN FLAGGED")).isEqualTo("* SEARCH 1 2");
        assertThat(search("SEARCH LARGER 400")).isEqualTo("* SEARCH 3");
        assertThat(search("SEARCH 2:*")).isEqualTo("* SEARCH 2 3");
        assertThat(search("SEARCH UID 1,3")).isEqualTo("* SEARCH 1 3");
        assertThat(search("SEARCH (SEEN) (ALL)")).isEqualTo("* SEARCH 1");
        assertThat(search("UID SEARCH RECENT")).isEqualTo("* SEARCH 1 2 3");
    }

    @Test
    void headersBodiesAndDates() throws Exception {
        assertThat(search("SEARCH FROM alice")).isEqualTo("* SEARCH 1 3");
        assertThat(search("SEARCH SUBJECT \"lunch?\"")).isEqualTo("* SEARCH 2 3");
        assertThat(search("SEARCH HEADER Subject report")).isEqualTo("* SEARCH 1");
        assertThat(search("SEARCH BODY sushi")).isEqualTo("* SEARCH 2 3");
        assertThat(search("SEARCH TEXT bob@")).isEqualTo("* SEARCH 2");
        assertThat(search("SEARCH SINCE 2-Jan-2024")).isEqualTo("* SEARCH 2 3");
        assertThat(search("SEARCH BEFORE 2-jan-2024")).isEqualTo("* SEARCH 1");
        assertThat(search("SEARCH SENTON 3-Jan-2024")).isEqualTo("* SEARCH 3");
        assertThat(search("SEARCH CHARSET UTF-8 BODY sushi")).isEqualTo("* SEARCH 2 3");
    }

    @Test
    void badCriteriaAndCharsets() throws Exception {
        client.command("b1 SEARCH CHARSET KOI8-R ALL").expect("NO \\[BADCHARSET");
        client.command("b2 SEARCH FOO").expect("BAD");
        client.command("b3 SEARCH 9").expect("BAD");
        client.command("b4 SEARCH SINCE yesterday").expect("BAD");
        client.command("b5 SEARCH OR SEEN").expect("BAD");
    }
}
