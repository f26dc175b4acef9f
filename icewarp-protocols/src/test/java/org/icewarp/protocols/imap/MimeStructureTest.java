package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ENVELOPE, BODYSTRUCTURE and body sections of a nested multipart message. */
class MimeStructureTest {
    private static final String MESSAGE = "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
            + "From: \"Doe, John\" <john@example.com>\r\n"
            + "To: jane@example.com, Team: a@x.org, b@y.org;\r\n"
            + "Subject: =?UTF-8?Q?caf=C3=A9?=\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed;\r\n boundary=\"XX\"\r\n"
            + "\r\n"
            + "preamble\r\n"
            + "--XX\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Hello\r\nWorld\r\n"
            + "--XX\r\n"
            + "Content-Type: message/rfc822\r\n"
            + "\r\n"
            + "Subject: inner\r\n"
            + "From: x@y.org\r\n"
            + "\r\n"
            + "inner body\r\n"
            + "--XX--\r\n"
            + "epilogue\r\n";

    private static FetchItem.Body body(String item) {
        return (FetchItem.Body) FetchItem.parse(new ImapReader(item.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String section(String item) {
        return new String(
                Sections.bytes(MimePart.parse(MESSAGE.getBytes(StandardCharsets.UTF_8)), body(item)),
                StandardCharsets.UTF_8);
    }

    @Test
    void envelopeHasRawHeaderValuesAddressesAndGroups() {
        String envelope = Envelope.render(MimePart.parse(MESSAGE.getBytes(StandardCharsets.UTF_8)));
        assertThat(envelope)
                .isEqualTo("(\"Mon, 1 Jan 2024 10:00:00 +0000\" \"=?UTF-8?Q?caf=C3=A9?=\""
                        + " ((\"Doe, John\" NIL \"john\" \"example.com\"))"
                        + " ((\"Doe, John\" NIL \"john\" \"example.com\"))"
                        + " ((\"Doe, John\" NIL \"john\" \"example.com\"))"
                        + " ((NIL NIL \"jane\" \"example.com\")(NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"x.org\")"
                        + "(NIL NIL \"b\" \"y.org\")(NIL NIL NIL NIL))"
                        + " NIL NIL NIL \"<1@example.com>\")");
    }

    @Test
    void bodyStructureDescribesEveryPart() {
        MimePart message = MimePart.parse(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(BodyStructure.render(message, false))
                .isEqualTo("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7BIT\" 12 2)"
                        + "(\"message\" \"rfc822\" NIL NIL NIL \"7BIT\" 43"
                        + " (NIL \"inner\" ((NIL NIL \"x\" \"y.org\")) ((NIL NIL \"x\" \"y.org\"))"
                        + " ((NIL NIL \"x\" \"y.org\")) NIL NIL NIL NIL NIL)"
                        + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 10 1) 4)"
                        + " \"mixed\")");
        assertThat(BodyStructure.render(message, true)).endsWith(" \"mixed\" (\"boundary\" \"XX\") NIL NIL NIL)");
    }

    @Test
    void sectionsAddressPartsHeadersAndFields() {
        // the CRLF before a boundary belongs to the boundary (RFC 2046 section 5.1.1)
        assertThat(section("BODY[1]")).isEqualTo("Hello\r\nWorld");
        assertThat(section("BODY[1.MIME]")).isEqualTo("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        assertThat(section("BODY[2.HEADER]")).isEqualTo("Subject: inner\r\nFrom: x@y.org\r\n\r\n");
        assertThat(section("BODY[2.TEXT]")).isEqualTo("inner body");
        assertThat(section("BODY[2.1]")).isEqualTo("inner body");
        assertThat(section("BODY[3]")).isEmpty();
        assertThat(section("BODY[HEADER.FIELDS (subject MESSAGE-ID)]"))
                .isEqualTo("Subject: =?UTF-8?Q?caf=C3=A9?=\r\nMessage-ID: <1@example.com>\r\n\r\n");
        assertThat(section("BODY[HEADER.FIELDS.NOT (Date From To Subject Message-ID MIME-Version)]"))
                .isEqualTo("Content-Type: multipart/mixed;\r\n boundary=\"XX\"\r\n\r\n");
        assertThat(body("BODY.PEEK[HEADER.FIELDS (From To)]<0.10>").responseName())
                .isEqualTo("BODY[HEADER.FIELDS (FROM TO)]");
        assertThat(body("BODY[1.2.MIME]").part()).isEqualTo(List.of(1, 2));
    }

    @Test
    void aMessageWithoutMimeIsOneTextPart() {
        MimePart plain = MimePart.parse("Subject: x\r\n\r\nline\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(BodyStructure.render(plain, false))
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 6 1)");
        assertThat(new String(Sections.bytes(plain, body("BODY[1]")), StandardCharsets.UTF_8))
                .isEqualTo("line\r\n");
    }
}
