package org.icewarp.samples.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LogFileNameTest {
    private static final LocalDate DAY = LocalDate.of(2006, 9, 13);

    @Test
    void nameIsLetterServerIdDateAndTwoDigitCounter() {
        assertThat(new LogFileName('s', "", DAY, 0).fileName()).isEqualTo("s20060913-00.log");
        assertThat(new LogFileName('s', "", DAY, 1).fileName()).isEqualTo("s20060913-01.log");
        assertThat(new LogFileName('m', "A7", DAY, 12).fileName()).isEqualTo("mA720060913-12.log");
    }

    @Test
    void counterGrowsPastTwoDigitsWhenADayNeedsMoreThanOneHundredFiles() {
        assertThat(new LogFileName('s', "", DAY, 99).next().fileName()).isEqualTo("s20060913-100.log");
    }

    @Test
    void parseReadsBackWhatItWrote() {
        LogFileName name = new LogFileName('d', "s2", DAY, 7);

        assertThat(LogFileName.parse(name.fileName(), "s2")).contains(name);
        assertThat(LogFileName.parse("s20060913-100.log", "")).contains(new LogFileName('s', "", DAY, 100));
    }

    @Test
    void parseIgnoresOtherServersAndOtherFiles() {
        assertThat(LogFileName.parse("sB220060913-00.log", "A7")).isEmpty();
        assertThat(LogFileName.parse("sA720060913-00.log", "")).isEmpty();
        assertThat(LogFileName.parse("s20061345-00.log", ""))
                .as("impossible date")
                .isEmpty();
        assertThat(LogFileName.parse("s20060913-0.log", ""))
                .as("one-digit counter")
                .isEmpty();
        assertThat(LogFileName.parse("S20060913-00.log", ""))
                .as("upper-case letter")
                .isEmpty();
        assertThat(LogFileName.parse("s20060913-00.log.gz", "")).isEmpty();
        assertThat(LogFileName.parse("notes.txt", "")).isEmpty();
    }

    @Test
    void rejectsWhatCannotBeAFileName() {
        assertThatThrownBy(() -> new LogFileName('S', "", DAY, 0)).hasMessageContaining("letter");
        assertThatThrownBy(() -> new LogFileName('s', "../x", DAY, 0)).hasMessageContaining("serverId");
        assertThatThrownBy(() -> new LogFileName('s', "ABC", DAY, 0)).hasMessageContaining("serverId");
        assertThatThrownBy(() -> new LogFileName('s', "", DAY, -1)).hasMessageContaining("counter");
    }
}
