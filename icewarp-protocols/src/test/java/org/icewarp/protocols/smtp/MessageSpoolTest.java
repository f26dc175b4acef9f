package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageSpoolTest {
    @TempDir
    Path temp;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(MessageSpool spool) throws IOException {
        try (InputStream in = spool.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void smallMessageStaysInMemory() throws IOException {
        byte[] body = bytes(1000, 1);
        try (MessageSpool spool = new MessageSpool(temp)) {
            spool.write(body, 0, 600);
            spool.write(body, 600, 400);
            assertThat(spool.size()).isEqualTo(1000);
            assertThat(spool.file()).isNull();
            assertThat(read(spool)).isEqualTo(body);
        }
        try (var files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void messageOfExactlyTheThresholdStaysInMemoryAndOneByteMoreSpills() throws IOException {
        try (MessageSpool spool = new MessageSpool(temp, 100)) {
            spool.write(bytes(100, 2), 0, 100);
            assertThat(spool.file()).isNull();
            spool.write(new byte[] {42}, 0, 1);
            assertThat(spool.file()).exists();
            assertThat(spool.bytesInMemory()).isEqualTo(100);
        }
    }

    @Test
    void chunkAcrossTheThresholdIsSplitBetweenMemoryAndFile() throws IOException {
        byte[] body = bytes(300, 3);
        try (MessageSpool spool = new MessageSpool(temp, 100)) {
            spool.write(body, 0, 50);
            spool.write(body, 50, 200); // 50 to memory, 150 to the file
            spool.write(body, 250, 50);
            assertThat(spool.bytesInMemory()).isEqualTo(100);
            assertThat(read(spool)).isEqualTo(body);
            assertThat(Files.size(spool.file())).isEqualTo(200);
        }
    }

    @Test
    void bigMessageSpillsToAFileAndTheHeapHoldsOnlyTheThreshold() throws Exception {
        int total = 8 * 1024 * 1024;
        Random random = new Random(4);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        try (MessageSpool spool = new MessageSpool(temp, 64 * 1024)) {
            byte[] chunk = new byte[16 * 1024];
            int left = total;
            while (left > 0) {
                int n = Math.min(left, 1 + random.nextInt(chunk.length));
                random.nextBytes(chunk);
                spool.write(chunk, 0, n);
                written.update(chunk, 0, n);
                left -= n;
            }
            byte[] expected = written.digest();
            assertThat(spool.size()).isEqualTo(total);
            assertThat(spool.bytesInMemory()).isEqualTo(64 * 1024);
            // read twice (two copies), streaming: never the whole message in one array
            for (int copy = 0; copy < 2; copy++) {
                MessageDigest read = MessageDigest.getInstance("SHA-256");
                long count = 0;
                try (InputStream in = spool.open()) {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        read.update(buffer, 0, n);
                        count += n;
                    }
                }
                assertThat(count).isEqualTo(total);
                assertThat(read.digest()).isEqualTo(expected);
            }
            assertThat(Files.size(spool.file())).isEqualTo(total - 64 * 1024);
        }
    }

    @Test
    void zeroThresholdSpillsEverything() throws IOException {
        byte[] body = bytes(10, 5);
        try (MessageSpool spool = new MessageSpool(temp, 0)) {
            spool.write(body, 0, 10);
            assertThat(spool.bytesInMemory()).isZero();
            assertThat(read(spool)).isEqualTo(body);
            assertThat(Files.size(spool.file())).isEqualTo(10);
        }
    }

    @Test
    void spillFileIsOwnerOnly() throws IOException {
        assumeThat(temp.getFileSystem().supportedFileAttributeViews()).contains("posix");
        try (MessageSpool spool = new MessageSpool(temp, 1)) {
            spool.write(new byte[10], 0, 10);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.file())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void missingDirectoryIsCreatedOnSpill() throws IOException {
        Path dir = temp.resolve("smtp");
        try (MessageSpool spool = new MessageSpool(dir, 1)) {
            spool.write(new byte[10], 0, 10);
            assertThat(spool.file().getParent()).isEqualTo(dir);
        }
    }

    @Test
    void closeDeletesTheFileAndEndsTheSpool() throws IOException {
        MessageSpool spool = new MessageSpool(temp, 10);
        spool.write(new byte[100], 0, 100);
        Path file = spool.file();
        assertThat(file).exists();
        spool.close();
        assertThat(file).doesNotExist();
        spool.close(); // idempotent
        assertThatThrownBy(() -> spool.write(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(spool::open).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writingAfterOpeningIsRefused() throws IOException {
        try (MessageSpool spool = new MessageSpool(temp)) {
            spool.write(new byte[5], 0, 5);
            spool.open().close();
            assertThatThrownBy(() -> spool.write(new byte[1], 0, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("opened");
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new MessageSpool(temp, -1)).hasMessageContaining("memoryThreshold");
        try (MessageSpool spool = new MessageSpool(temp)) {
            assertThatThrownBy(() -> spool.write(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
