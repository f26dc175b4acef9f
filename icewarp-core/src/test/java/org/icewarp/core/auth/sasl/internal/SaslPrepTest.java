package org.icewarp.core.auth.sasl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The examples of RFC 4013 section 3, and the prohibited tables. */
class SaslPrepTest {

    @Test
    void rfc4013Examples() {
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX"); // soft hyphen mapped to nothing
        assertThat(SaslPrep.prepare("user")).isEqualTo("user");
        assertThat(SaslPrep.prepare("USER")).isEqualTo("USER"); // case preserved
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a"); // NFKC
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX"); // NFKC
        assertThatThrownBy(() -> SaslPrep.prepare("\u0007")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaslPrep.prepare("\u0627\u0031")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonAsciiSpaceBecomesSpaceAndProhibitedCharactersAreRefusedWithoutQuotingThem() {
        assertThat(SaslPrep.prepare("a\u00A0b\u3000c")).isEqualTo("a b c");
        for (String bad : new String[] {"\uE000", "\uFFFE", "\u2FF0", "\u200E", "a\uD800", "\uDB40\uDC01", "\u0085"}) {
            assertThatThrownBy(() -> SaslPrep.prepare("pw" + bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("pw");
        }
        assertThat(SaslPrep.prepare("\u0627\u0628")).isEqualTo("\u0627\u0628"); // all right-to-left is fine
    }
}
