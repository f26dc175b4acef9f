package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.icewarp.protocols.smtp.TraceHeader.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceHeaderTest {
    private static final SmtpMailbox JOHN = new SmtpMailbox("john", "example.com", false);
    private static final SmtpMailbox ANNA = new SmtpMailbox("anna", "example.com", false);
    private static final Protocol ESMTPSA = new Protocol(true, true, true, false);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static String received(String helo, String reverse, List<SmtpMailbox> rcpts) throws Exception {
        return TraceHeader.received(
                helo, ip("192.0.2.1"), reverse, "mx.example.com", ESMTPSA, "abc123", rcpts, MemoryStores.CLOCK);
    }

    private static String unfold(String header) {
        return header.replace("\r\n ", " ");
    }

    private static void assertFolded(String header) {
        assertThat(header).endsWith("\r\n");
        for (String line : header.substring(0, header.length() - 2).split("\r\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(TraceHeader.FOLD_AT);
            assertThat(line).doesNotContain("\r", "\n");
        }
    }

    @Test
    void receivedNamesClientServerProtocolIdRecipientAndDate() throws Exception {
        String h = received("client.example.net", "mail.example.net", List.of(JOHN));
        assertThat(h)
                .isEqualTo("Received: from client.example.net (mail.example.net [192.0.2.1])\r\n"
                        + " by mx.example.com with ESMTPSA id abc123 for <john@example.com>;\r\n"
                        + " Mon, 23 Nov 2026 13:05:09 +0000\r\n");
        assertFolded(h);
    }

    @Test
    void forClauseOnlyWithExactlyOneRecipient() throws Exception {
        String two = unfold(received("client.example.net", "", List.of(JOHN, ANNA)));
        assertThat(two)
                .isEqualTo("Received: from client.example.net ([192.0.2.1]) by mx.example.com with ESMTPSA id abc123;"
                        + " Mon, 23 Nov 2026 13:05:09 +0000\r\n");
        assertThat(two).doesNotContain("for ", "john", "anna");
    }

    @Test
    void unknownReverseNameLeavesTheAddressLiteralAlone() throws Exception {
        assertThat(unfold(received("client.example.net", "", List.of(JOHN))))
                .startsWith("Received: from client.example.net ([192.0.2.1]) by");
    }

    @Test
    void ipv6ClientIsWrittenAsAnIpv6Literal() throws Exception {
        String h = TraceHeader.received(
                "[IPv6:2001:db8::1]",
                ip("2001:db8::1"),
                "",
                "mx.example.com",
                ESMTPSA,
                "x1",
                List.of(JOHN),
                MemoryStores.CLOCK);
        assertThat(unfold(h)).startsWith("Received: from [IPv6:2001:db8::1] ([IPv6:2001:db8:0:0:0:0:0:1]) by ");
    }

    @Test
    void longNamesAreFoldedAt78Columns() throws Exception {
        String helo = "a-long-helo-name." + "x".repeat(40) + ".example.net";
        String h = received(helo, "reverse." + "y".repeat(50) + ".example.net", List.of(JOHN));
        assertFolded(h);
        assertThat(h.split("\r\n")).hasSizeGreaterThan(3);
        assertThat(unfold(h)).contains("from " + helo + " (reverse.");
        // a single word longer than a line cannot be folded and stays whole (RFC 5322's hard limit is 998)
        String huge = "h".repeat(100) + ".example";
        assertThat(unfold(received(huge, "", List.of(JOHN)))).contains("from " + huge + " ([192.0.2.1])");
    }

    @Test
    void hostileHeloCannotInjectHeadersOrCloseTheComment() throws Exception {
        String h = received("evil\r\nX-Injected: yes (a) ;", "", List.of(JOHN));
        assertFolded(h);
        assertThat(unfold(h)).startsWith("Received: from evil??X-Injected:?yes??a??? ([192.0.2.1]) by");
        assertThat(h).doesNotContain("\r\nX-Injected");
    }

    @Test
    void emptyHeloIsReplacedByTheAddressLiteral() throws Exception {
        assertThat(unfold(received("", "", List.of(JOHN)))).startsWith("Received: from [192.0.2.1] ([192.0.2.1]) by");
    }

    @Test
    void dateIsInTheClocksZone() throws Exception {
        Clock plus2 = MemoryStores.CLOCK.withZone(ZoneOffset.ofHours(2));
        String h = TraceHeader.received(
                "c.example", ip("192.0.2.1"), "", "mx.example.com", ESMTPSA, "x1", List.of(), plus2);
        assertThat(unfold(h)).endsWith("; Mon, 23 Nov 2026 15:05:09 +0200\r\n");
    }

    @ParameterizedTest(name = "esmtp={0} tls={1} auth={2} utf8={3} -> {4}")
    @CsvSource({
        "false, false, false, false, SMTP",
        "false, true,  true,  true,  SMTP",
        "true,  false, false, false, ESMTP",
        "true,  false, true,  false, ESMTPA",
        "true,  true,  false, false, ESMTPS",
        "true,  true,  true,  false, ESMTPSA",
        "true,  false, false, true,  UTF8SMTP",
        "true,  false, true,  true,  UTF8SMTPA",
        "true,  true,  false, true,  UTF8SMTPS",
        "true,  true,  true,  true,  UTF8SMTPSA"
    })
    void withTypeFollowsRfc3848AndRfc6531(boolean esmtp, boolean tls, boolean auth, boolean utf8, String type)
            throws Exception {
        Protocol p = new Protocol(esmtp, tls, auth, utf8);
        assertThat(p.withType()).isEqualTo(type);
        String h = TraceHeader.received(
                "c.example", ip("192.0.2.1"), "", "mx.example.com", p, "x1", List.of(JOHN), MemoryStores.CLOCK);
        assertThat(unfold(h)).contains(" with " + type + " id x1 ");
    }

    @Test
    void recipientLocalPartIsQuotedWhenItIsNotADotString() throws Exception {
        String h = received("c.example", "", List.of(new SmtpMailbox("john \"jr\" smith", "example.com", false)));
        assertThat(unfold(h)).contains("for <\"john \\\"jr\\\" smith\"@example.com>;");
        assertThat(MailboxText.path(new SmtpMailbox("Postmaster", "", false))).isEqualTo("Postmaster");
        assertThat(MailboxText.path(new SmtpMailbox("a..b", "example.com", false)))
                .isEqualTo("\"a..b\"@example.com");
        assertThat(MailboxText.path(new SmtpMailbox("ünï", "example.com", false)))
                .isEqualTo("ünï@example.com");
    }

    @Test
    void badIdOrHostIsRefused() {
        assertThatThrownBy(() -> TraceHeader.received(
                        "c", ip("192.0.2.1"), "", "mx.example.com", ESMTPSA, "a b", List.of(), MemoryStores.CLOCK))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> TraceHeader.received(
                        "c", ip("192.0.2.1"), "", "mx example", ESMTPSA, "ab", List.of(), MemoryStores.CLOCK))
                .hasMessageContaining("host");
    }

    @Test
    void returnPathCarriesTheSenderOrTheNullSender() {
        assertThat(TraceHeader.returnPath("john@example.com")).isEqualTo("Return-Path: <john@example.com>\r\n");
        assertThat(TraceHeader.returnPath("")).isEqualTo("Return-Path: <>\r\n");
        assertThatThrownBy(() -> TraceHeader.returnPath("a@b>\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
