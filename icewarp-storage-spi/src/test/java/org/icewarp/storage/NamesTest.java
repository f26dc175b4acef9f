package org.icewarp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"INBOX", "Sent Items", "Projekte/2026", "日本語", "a.b", "x-y_z", "emoji😀ok"})
    void ordinaryFolderNamesPass(String name) {
        assertThat(FolderName.of(name).value()).isEqualTo(name);
    }

    @Test
    void inboxIsCaseInsensitive() {
        assertThat(FolderName.of("inbox/Sub").value()).isEqualTo("INBOX/Sub");
        assertThat(FolderName.of("Inbox").isInbox()).isTrue();
    }

    @Test
    void hierarchyHelpers() {
        FolderName n = FolderName.of("A/B/C");
        assertThat(n.parent()).isEqualTo(FolderName.of("A/B"));
        assertThat(n.isWithin(FolderName.of("A"))).isTrue();
        assertThat(FolderName.of("AB").isWithin(FolderName.of("A"))).isFalse();
        assertThat(n.rebase(FolderName.of("A"), FolderName.of("X/Y"))).isEqualTo(FolderName.of("X/Y/B/C"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800lonely", "bad\u007fchar", "a:b", "ends ", "COM1.log", "conin$"})
    void moreHostileSegmentsAreRejected(String segment) {
        assertThatThrownBy(() -> Names.requireSafeSegment("name", segment)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void addressesLowerCaseTheDomainOnly() {
        EmailAddress a = EmailAddress.parse("John.Smith@Example.COM");
        assertThat(a.localPart()).isEqualTo("John.Smith");
        assertThat(a.domain()).isEqualTo("example.com");
        assertThat(a.folded().toString()).isEqualTo("john.smith@example.com");
        assertThatThrownBy(() -> EmailAddress.parse("nobody")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> EmailAddress.parse("a@-bad-.com")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> EmailAddress.parse("x".repeat(65) + "@a.com"))
                .isInstanceOf(InvalidNameException.class);
    }

    @Test
    void uidSetsNormaliseAndPrintAsImapSets() {
        UidSet s =
                UidSet.ofRanges(java.util.List.of(new long[] {5, 3}, new long[] {6, 6}, new long[] {10, UidSet.MAX}));
        assertThat(s.toString()).isEqualTo("3:6,10:*");
        assertThat(s.contains(4)).isTrue();
        assertThat(s.contains(7)).isFalse();
        assertThat(s.contains(UidSet.MAX)).isTrue();
        assertThat(UidSet.of(9, 1, 2).toString()).isEqualTo("1:2,9");
        assertThatThrownBy(() -> UidSet.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
