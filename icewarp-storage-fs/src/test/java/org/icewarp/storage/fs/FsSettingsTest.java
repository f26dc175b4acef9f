package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.icewarp.storage.LocalPartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsSettingsTest {
    @TempDir
    Path root;

    @Test
    void defaultsFollowTheMailPath() {
        FsSettings s = FsSettings.parse(Fixtures.settings(root, "01"));
        assertThat(s.accountsPath()).isEqualTo(root.resolve("_accounts"));
        assertThat(s.tempPath()).isEqualTo(root.resolve("_temp"));
        assertThat(s.layout().segments("john")).containsExactly("john");
        assertThat(s.localPartPolicy()).isEqualTo(LocalPartPolicy.CASE_INSENSITIVE);
        assertThat(s.serverId()).isEqualTo("01");
    }

    @Test
    void alphabeticalLayoutDefaultsToFourAndTwo() {
        FsSettings s = FsSettings.parse(Fixtures.settings(root, "", "layout", "alphabetical"));
        assertThat(s.layout().segments("john")).containsExactly("jo", "hn", "john");
        FsSettings six = FsSettings.parse(
                Fixtures.settings(root, "", "layout", "alphabetical", "prefix-length", "6", "group-length", "3"));
        assertThat(six.layout().segments("alexander")).containsExactly("ale", "xan", "alexander");
    }

    @Test
    void unknownOptionIsRejectedByName() {
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(root, "", "paht", "/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'paht'");
    }

    @Test
    void missingPathIsRejectedByName() {
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(root, "", "path", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'path'");
    }

    @Test
    void invalidValuesAreRejectedByName() {
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(root, "", "layout", "nested")))
                .hasMessageContaining("layout");
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(root, "", "prefix-length", "4")))
                .hasMessageContaining("prefix-length");
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(
                        root, "", "layout", "alphabetical", "prefix-length", "4", "group-length", "5")))
                .hasMessageContaining("group-length");
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(root, "", "local-part-policy", "loose")))
                .hasMessageContaining("local-part-policy");
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(root, "", "snapshot-records", "x")))
                .hasMessageContaining("snapshot-records");
        assertThatThrownBy(() -> FsSettings.parse(Fixtures.settings(root, "", "commit-delay-us", "100001")))
                .hasMessageContaining("commit-delay-us")
                .hasMessageContaining("100001");
    }

    @Test
    void commitDelayDefaultsToTwoMillisecondsAndMayBeTurnedOff() {
        assertThat(FsSettings.parse(Fixtures.settings(root, "")).commitDelayMicros())
                .isEqualTo(2_000);
        assertThat(FsSettings.parse(Fixtures.settings(root, "", "commit-delay-us", "0"))
                        .commitDelayMicros())
                .isZero();
    }
}
