package org.icewarp.core.tls.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Fingerprints as administrators paste them. */
class FingerprintTest {
    private static final String SHA256 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final String SHA1 = "00112233445566778899aabbccddeeff00112233";

    @Test
    void theLengthTellsTheAlgorithm() {
        assertThat(Fingerprint.parse(SHA256).algorithm()).isEqualTo(Fingerprint.Algorithm.SHA_256);
        assertThat(Fingerprint.parse(SHA1).algorithm()).isEqualTo(Fingerprint.Algorithm.SHA_1);
    }

    @Test
    void colonsCaseAndAPrefixDoNotMatter() {
        Fingerprint plain = Fingerprint.parse(SHA256);
        String colons = plain.toString();
        assertThat(colons).startsWith("00:11:22:33").hasSize(95);
        assertThat(Fingerprint.parse(colons)).isEqualTo(plain);
        assertThat(Fingerprint.parse(colons.toLowerCase(java.util.Locale.ROOT))).isEqualTo(plain);
        assertThat(Fingerprint.parse("sha-256:" + colons)).isEqualTo(plain);
        assertThat(Fingerprint.parse("SHA1:" + SHA1.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(Fingerprint.parse(SHA1));
    }

    @Test
    void wrongLengthsAndPrefixesAreRefused() {
        assertThatThrownBy(() -> Fingerprint.parse(SHA256 + "00")).hasMessageContaining("66 hex digits");
        assertThatThrownBy(() -> Fingerprint.parse("SHA1:" + SHA256)).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> Fingerprint.parse("")).hasMessageContaining("not hex digits");
    }
}
