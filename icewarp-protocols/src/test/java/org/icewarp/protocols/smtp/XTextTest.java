package org.icewarp.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XTextTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "plain@example.com | plain@example.com",
                "e+3Dmc2@example.com | e=mc2@example.com",
                "a+2Bb | a+b",
                "+2B+3D | +=",
                "sp+20ace | sp ace",
                "+C3+A9t+C3+A9 | été",
                "<> | <>",
            })
    void decodesXcharsAndHexchars(String xtext, String decoded) {
        assertThat(XText.decode(xtext)).contains(decoded);
    }

    @Test
    void decodesTheEmptyString() {
        assertThat(XText.decode("")).contains("");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+",
                "+4",
                "a+",
                "a+4",
                "+4g",
                "+zz",
                "+3d",
                "+ 41",
                "a=b",
                "a b",
                "tab\there",
                "é",
                "a\u0000b",
                "+C3",
                "+FF",
                "+C3+28"
            })
    void rejectsMalformedXtext(String xtext) {
        assertThat(XText.decode(xtext)).isEmpty();
    }

    @Test
    void encodesPlusEqualsSpaceControlsAndNonAsciiAsUpperCaseHex() {
        assertThat(XText.encode("a+b=c d\r\né")).isEqualTo("a+2Bb+3Dc+20d+0D+0A+C3+A9");
        assertThat(XText.encode("user@example.com")).isEqualTo("user@example.com");
    }

    @Test
    void encodeThenDecodeIsTheIdentityForRandomText() {
        Random random = new Random(3461);
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(20);
            for (int i = 0; i < length; i++) {
                int cp = random.nextBoolean() ? random.nextInt(0x80) : 0x80 + random.nextInt(0x2000);
                text.appendCodePoint(cp);
            }
            String encoded = XText.encode(text.toString());
            assertThat(encoded).matches("[\\x21-\\x7e]*").doesNotContain("=");
            assertThat(XText.decode(encoded)).contains(text.toString());
        }
    }
}
