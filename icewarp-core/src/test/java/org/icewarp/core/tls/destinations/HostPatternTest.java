package org.icewarp.core.tls.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The three forms of host pattern, their matching and their order of precedence. */
class HostPatternTest {

    @Test
    void anExactPatternMatchesOnlyThatHostInAnyCase() {
        HostPattern p = HostPattern.of("Mail.Example.com.");
        assertThat(p.pattern()).isEqualTo("mail.example.com");
        assertThat(p.matches("MAIL.example.COM")).isTrue();
        assertThat(p.matches("mail.example.com.")).isTrue();
        assertThat(p.matches("a.mail.example.com")).isFalse();
        assertThat(p.matches("example.com")).isFalse();
    }

    @Test
    void aWildcardMatchesEveryDepthBelowItsDomainButNotTheDomain() {
        HostPattern p = HostPattern.of("*.example.com");
        assertThat(p.matches("mx.example.com")).isTrue();
        assertThat(p.matches("a.b.example.com")).isTrue();
        assertThat(p.matches("example.com")).isFalse();
        assertThat(p.matches("badexample.com")).isFalse();
        assertThat(p.matches("mx.example.com.evil")).isFalse();
    }

    @Test
    void aStarMatchesEveryHost() {
        assertThat(HostPattern.of("*").matches("anything.example")).isTrue();
        assertThat(HostPattern.of("*").matches("192.0.2.1")).isTrue();
    }

    @Test
    void ipAddressesArePatternsToo() {
        assertThat(HostPattern.of("192.0.2.25").matches("192.0.2.25")).isTrue();
        assertThat(HostPattern.of("[2001:DB8::25]").matches("2001:db8::25")).isTrue();
    }

    @Test
    void exactBeatsLongerWildcardBeatsShorterWildcardBeatsStar() {
        assertThat(HostPattern.of("mx.example.com").specificity())
                .isGreaterThan(HostPattern.of("*.eu.example.com").specificity());
        assertThat(HostPattern.of("*.eu.example.com").specificity())
                .isGreaterThan(HostPattern.of("*.example.com").specificity());
        assertThat(HostPattern.of("*.example.com").specificity())
                .isGreaterThan(HostPattern.of("*").specificity());
    }

    @Test
    void otherFormsAreRefused() {
        for (String bad : new String[] {"", "mx*.example.com", "*example.com", "a..b", "-a.example", "a b"}) {
            assertThatThrownBy(() -> HostPattern.of(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("host pattern '" + bad + "'");
        }
    }
}
