package org.icewarp.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icewarp.core.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA store: a directory of PEM files with add, list and remove. */
class CaStoreTest {
    @TempDir
    Path dir;

    @Test
    void addListRemoveAndRescan() throws Exception {
        CaStore store = CaStore.open(dir.resolve("ca"));
        assertThat(store.list()).isEmpty();
        TestPki one = TestPki.ca("One");
        TestPki two = TestPki.ca("Two");
        CaStore.Entry e = store.add(one.certificate());
        assertThat(e.file()).exists();
        assertThat(store.add(one.certificate())).isEqualTo(e);
        Path dropped = TestPki.write(
                dir.resolve("ca").resolve("by-hand.crt"), TestPki.certificates(List.of(two.certificate())));
        assertThat(store.rescan()).isTrue();
        assertThat(store.certificates()).containsExactlyInAnyOrder(one.certificate(), two.certificate());
        assertThat(store.remove(e.fingerprint().toUpperCase())).isTrue();
        assertThat(store.certificates()).containsExactly(two.certificate());
        assertThat(Files.exists(e.file())).isFalse();
        assertThat(store.remove(e.fingerprint())).isFalse();
        Files.delete(dropped);
        assertThat(store.rescan()).isTrue();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aBrokenFileInTheStoreIsSkipped() {
        CaStore store = CaStore.open(dir);
        TestPki.write(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        store.add(TestPki.ca("Good").certificate());
        assertThat(store.list()).hasSize(1);
    }
}
