package org.icewarp.samples.server.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceLettersTest {
    private final ServiceLetters standard = ServiceLetters.standard('o');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "smtp, s",
        "submission, s",
        "pop3, p",
        "imap, m",
        "control, c",
        "http, c",
        "ftp, f",
        "groupware, g",
        "im, i",
        "daytime, d",
        "ldap, l",
        "socks, k",
        "minger, n"
    })
    void standardTableHasTheConsoleLettersAndOursForTheOtherServices(String service, char letter) {
        assertThat(standard.letterFor(service)).isEqualTo(letter);
    }

    @Test
    void anotherInstanceOfATypeSharesItsLetterThroughTheNamePrefix() {
        assertThat(standard.letterFor("smtp-relay")).isEqualTo('s');
        assertThat(standard.letterFor("smtp-relay-2")).isEqualTo('s');
        assertThat(standard.letterFor("imap-archive")).isEqualTo('m');
    }

    @Test
    void unknownServicesGetTheFallbackLetter() {
        assertThat(standard.letterFor("webdav")).isEqualTo('o');
        assertThat(standard.letterFor("webdav-2")).isEqualTo('o');
        assertThat(ServiceLetters.standard('u').letterFor("webdav")).isEqualTo('u');
    }

    @Test
    void configuredEntriesAddToTheTableAndWinOverIt() {
        ServiceLetters letters = standard.with(" smtp-relay = r, webdav=w ,daytime=t");

        assertThat(letters.letterFor("smtp-relay")).isEqualTo('r');
        assertThat(letters.letterFor("smtp-relay-2")).isEqualTo('r');
        assertThat(letters.letterFor("webdav")).isEqualTo('w');
        assertThat(letters.letterFor("daytime")).isEqualTo('t');
        assertThat(letters.letterFor("smtp")).isEqualTo('s');
        assertThat(standard.letterFor("daytime"))
                .as("the original is unchanged")
                .isEqualTo('d');
    }

    @Test
    void blankEntriesChangeNothing() {
        assertThat(standard.with("  ").table()).isEqualTo(standard.table());
    }

    @Test
    void aMalformedEntryIsRejectedByName() {
        assertThatThrownBy(() -> standard.with("smtp=s, webdav=WW"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'webdav=WW'");
        assertThatThrownBy(() -> standard.with("smtp")).hasMessageContaining("'smtp'");
    }
}
