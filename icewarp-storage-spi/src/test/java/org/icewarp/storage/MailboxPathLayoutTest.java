package org.icewarp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxPathLayoutTest {

    @ParameterizedTest(name = "{0} with {1} and {2} -> {3}")
    @CsvSource({
        // the seed's examples
        "john,      4, 2, jo/hn/john",
        "george,    4, 2, ge/or/george",
        "alexander, 4, 2, al/ex/alexander",
        "alexander, 6, 3, ale/xan/alexander",
        "mike,      6, 2, mi/ke/mike",
        "mike1,     6, 2, mi/ke/1/mike1",
        // aliases shorter than the prefix use what they have
        "jo,        4, 2, jo/jo",
        "j,         4, 2, j/j",
        "abc,       4, 2, ab/c/abc",
        // prefix directories are lower case; the mailbox keeps its spelling
        "John,      4, 2, jo/hn/John",
        // characters unsafe or ambiguous in a directory name become _
        "a.b,       4, 2, a_/b/a.b",
        "o'neil,    4, 2, o_/ne/o'neil",
        "jörg,      4, 2, j_/rg/jörg",
        "x+tag,     2, 1, x/_/x+tag",
    })
    void alphabetical(String alias, int prefix, int group, String expected) {
        assertThat(String.join(
                        "/", MailboxPathLayout.alphabetical(prefix, group).segments(alias)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "a\\b", "con", "nul.txt", "x%2fy"})
    void unsafeAliasesAreRejected(String alias) {
        assertThatThrownBy(() -> MailboxPathLayout.alphabetical(4, 2).segments(alias))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> MailboxPathLayout.flat().segments(alias)).isInstanceOf(InvalidNameException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "33, 2", "4, 0", "4, 5"})
    void impossibleParametersAreRejectedNamingThem(int prefix, int group) {
        assertThatThrownBy(() -> MailboxPathLayout.alphabetical(prefix, group))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(prefix == 0 || prefix == 33 ? "prefixLength" : "groupLength");
    }

    @org.junit.jupiter.api.Test
    void flatIsTheAliasAlone() {
        assertThat(MailboxPathLayout.flat().segments("john")).isEqualTo(List.of("john"));
    }
}
