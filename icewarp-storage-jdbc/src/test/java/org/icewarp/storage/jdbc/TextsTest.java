package org.icewarp.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void listsRoundTripWhateverTheyHold() {
        for (List<String> list : List.of(
                List.<String>of(),
                List.of(""),
                List.of("", ""),
                List.of("a", "b"),
                List.of("line\nbreak", "cr\rhere", "100%", "%0A literally", ":colon", "=equals"))) {
            assertThat(Texts.decode(Texts.encode(list))).as(list.toString()).isEqualTo(list);
        }
    }
}
