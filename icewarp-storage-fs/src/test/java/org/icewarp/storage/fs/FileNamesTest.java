package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileNamesTest {
    private static final List<String> NAMES = List.of(
            "Sent",
            "sent",
            "SENT",
            "Drafts",
            "a b",
            "Ünïcödé",
            "ünïcödé",
            "日本語",
            "x*y?",
            "<>|\"",
            ".hidden",
            "a.b",
            "100%",
            "%41",
            "~tilde",
            "under_score",
            "dash-ed",
            "emoji😀");

    @Test
    void encodingRoundTrips() {
        for (String n : NAMES) {
            String e = FileNames.encode(n);
            assertThat(FileNames.decode(e)).as(n).isEqualTo(n);
        }
    }

    @Test
    void encodedNamesNeverCollideWhenCaseIsIgnored() {
        Set<String> folded = new HashSet<>();
        for (String n : NAMES) {
            assertThat(folded.add(FileNames.encode(n).toLowerCase(Locale.ROOT)))
                    .as(n)
                    .isTrue();
        }
    }

    @Test
    void encodedNamesUsePortableCharactersOnly() {
        for (String n : NAMES) {
            assertThat(FileNames.encode(n)).matches("[a-z0-9_%A-F.~-]+").doesNotStartWith(".");
        }
    }

    @Test
    void longNamesAreHashedAndStayShort() {
        String a = "日".repeat(200);
        String b = "日".repeat(199) + "本";
        assertThat(FileNames.encode(a)).hasSizeLessThanOrEqualTo(FileNames.MAX_ENCODED);
        assertThat(FileNames.isHashed(FileNames.encode(a))).isTrue();
        assertThat(FileNames.encode(a)).isNotEqualTo(FileNames.encode(b));
        assertThat(FileNames.isHashed(FileNames.encode("Sent"))).isFalse();
    }

    @Test
    void folderDirectoriesAreMarkedAndTheInboxIsReadable() {
        assertThat(FileNames.folderDir("INBOX", true)).isEqualTo("+inbox");
        assertThat(FileNames.folderDir("Sent", true)).isEqualTo("+%53ent");
        assertThat(FileNames.folderLevel("+inbox", true)).isEqualTo("INBOX");
        assertThat(FileNames.folderLevel("+inbox", false)).isEqualTo("inbox");
        assertThat(FileNames.folderLevel("+Sent", true)).isNull();
        assertThat(FileNames.folderLevel("sent", true)).isNull();
    }

    @Test
    void messageFilesCarryTheServerId() {
        assertThat(FileNames.messageFile("07", 42)).isEqualTo("07_42.eml");
        assertThat(FileNames.uidOf("07_42.eml")).isEqualTo(42);
        assertThat(FileNames.uidOf("_42.eml")).isEqualTo(42);
        assertThat(FileNames.uidOf("hand-copied.eml")).isEqualTo(-1);
        assertThat(FileNames.uidOf("07_042.eml")).isEqualTo(-1);
    }

    @Test
    void domainsWhoseFirstLabelIsADeviceNameAreEscaped() {
        assertThat(FileNames.domainDir("example.com")).isEqualTo("example.com");
        assertThat(FileNames.domainDir("con.example")).isEqualTo("%63on.example");
        assertThat(FileNames.domainDir("aux")).isEqualTo("%61ux");
    }
}
