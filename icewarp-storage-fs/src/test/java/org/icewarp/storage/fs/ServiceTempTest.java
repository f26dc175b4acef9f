package org.icewarp.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTempTest {
    @TempDir
    Path root;

    @Test
    void aServiceTempFolderIsCreatedAndEmptiedAtEachStartLeavingOtherServicesAlone() throws IOException {
        Path smtp = FsStorageProvider.prepareServiceTemp(Fixtures.settings(root, ""), "SMTP");
        assertThat(smtp).isEqualTo(root.resolve("_temp/SMTP")).isEmptyDirectory();
        Path pop3 = FsStorageProvider.prepareServiceTemp(Fixtures.settings(root, ""), "POP3");
        Files.createDirectories(smtp.resolve("sub"));
        Files.writeString(smtp.resolve("sub/leftover.tmp"), "x");
        Files.writeString(pop3.resolve("keep.tmp"), "y");
        assertThat(FsStorageProvider.prepareServiceTemp(Fixtures.settings(root, ""), "SMTP"))
                .isEmptyDirectory();
        assertThat(pop3.resolve("keep.tmp")).exists();
    }

    @Test
    void theTempPathOptionMovesTheFolders() {
        Path elsewhere = root.resolve("local-temp");
        Path dir = FsStorageProvider.prepareServiceTemp(
                Fixtures.settings(root.resolve("mail"), "", "temp-path", elsewhere.toString()), "Control");
        assertThat(dir).isEqualTo(elsewhere.resolve("Control")).isEmptyDirectory();
    }
}
