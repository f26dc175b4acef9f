package org.icewarp.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Modified UTF-7 (RFC 3501 section 5.1.3) and the names that must not leave the account. */
class ModifiedUtf7Test {

    @Test
    void encodesAndDecodesTheRfcExampleAndOthers() {
        // RFC 3501 section 5.1.3: "~peter/mail/台北/日本語"
        String name = "~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e";
        assertThat(ModifiedUtf7.encode(name)).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assertThat(ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-")).contains(name);
        assertThat(ModifiedUtf7.encode("A&B")).isEqualTo("A&-B");
        assertThat(ModifiedUtf7.decode("A&-B")).contains("A&B");
        String emoji = "Caf\u00e9 \ud83d\ude00";
        assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode(emoji))).contains(emoji);
    }

    @Test
    void nonCanonicalEncodingsAreRejected() {
        assertThat(ModifiedUtf7.decode("&AC8-")).isEmpty(); // "/" hidden in base64
        assertThat(ModifiedUtf7.decode("&AC4ALg-")).isEmpty(); // ".."
        assertThat(ModifiedUtf7.decode("&U,BTFw-&ZeVnLIqe-")).isEmpty(); // two adjacent runs
        assertThat(ModifiedUtf7.decode("&U,BTF-")).isEmpty(); // bad length / padding
        assertThat(ModifiedUtf7.decode("&2D0-")).isEmpty(); // lone surrogate
        assertThat(ModifiedUtf7.decode("a&bc")).isEmpty(); // unterminated
        assertThat(ModifiedUtf7.decode("caf\u00e9")).isEmpty(); // raw 8-bit
    }

    @Test
    void namesThatWouldLeaveTheAccountAreRefused() {
        for (String bad : new String[] {
            "..", "a/../b", "/etc/passwd", "a//b", "a/", ".", "a\\b", "&AC8-etc", "&AC4ALg-/x", "c:", "a/\u2215b"
        }) {
            assertThat(MailboxNames.parse(bad)).as(bad).isEmpty();
        }
        assertThat(MailboxNames.parse("inbox"))
                .hasValueSatisfying(f -> assertThat(f.isInbox()).isTrue());
        assertThat(MailboxNames.parse("Work/2024"))
                .hasValueSatisfying(f -> assertThat(f.value()).isEqualTo("Work/2024"));
    }
}
