package org.icewarp.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The text-repair rule, one class of character per case. */
class TextRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "lone high surrogate        | Jo\\uD800hn   | John",
                "lone low surrogate         | Jo\\uDC00hn   | John",
                "reversed pair              | \\uDC00\\uD800x | x",
                "replacement character      | M\\uFFFDller  | Mller",
                "NUL                        | a\\u0000b     | ab",
                "other C0 control           | a\\u001Bb     | ab",
                "DEL                        | a\\u007Fb     | ab",
                "C1 control                 | a\\u0085b\\u009F | ab",
                "noncharacter FFFE          | a\\uFFFEb     | ab",
                "noncharacter FDD0          | a\\uFDD0b     | ab",
                "noncharacter in plane 1    | a\\uD83F\\uDFFFb | ab",
            })
    void invalidCharactersAreRemoved(String what, String escapedInput, String expected) {
        assertThat(TextRules.repair(unescape(escapedInput))).as(what).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "John Smith",
                "Ánna Ünïcödé",
                "日本語",
                "emoji 😀📬",
                "tab\tline\r\nbreak",
                "",
                "U+00A0 no-break\u00a0space",
                "last BMP before specials \uFFFC"
            })
    void validTextIsReturnedUnchanged(String text) {
        assertThat(TextRules.repair(text)).isSameAs(text);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"a\\uD800b | a\\\\uD800b", "back\\\\slash | back\\\\u005Cslash"})
    void escapeShowsInvalidCharactersAndBackslashesAsEscapes(String escapedInput, String expected) {
        assertThat(TextRules.escape(unescape(escapedInput))).isEqualTo(unescape(expected));
    }

    /** Test input is written with \\uXXXX escapes (and \\\\ for a backslash) so that it survives source files. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
