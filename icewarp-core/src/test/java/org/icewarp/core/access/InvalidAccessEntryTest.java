package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed access entries are rejected with a message that quotes the entry and says what is wrong. */
class InvalidAccessEntryTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            256.0.0.1                   | octet 256 is out of range 0-255
            1.2.3.256                   | octet 256 is out of range 0-255
            1.2.3.999                   | octet 999 is out of range 0-255
            1.2.3                       | expected 4 dot-separated octets, found 3
            1.2.3.4.5                   | expected 4 dot-separated octets, found 5
            *                           | expected 4 dot-separated octets, found 1
            1..2.3                      | empty octet
            1.2.3.                      | empty octet
            1000.0.0.1                  | '1000' is not an octet
            5-3.*.*.*                   | octet range '5-3' is reversed
            1.2.3.4-1.2.3               | has 3 octets, expected 4
            10.0.0.50-10.0.0.1          | the range starts after it ends
            1.2.3.4-5.6.7.8-9.9.9.9     | exactly one '-'
            10.0.0.*-10.0.0.5           | '*' is not an octet
            1-.2.3.4                    | empty octet
            1.2.3.4/33                  | prefix length /33 is out of range 0-32
            1.2.3.4/                    | is not a prefix length
            1.2.3.4/-1                  | is not a prefix length
            1.2.3.4/8/8                 | is not a prefix length
            1.2.*.4/8                   | a CIDR prefix needs a plain IPv4 address
            1.2.3-4.5/24                | a CIDR prefix needs a plain IPv4 address
            a.b.c.d                     | host and domain names are never resolved
            mail.example.com            | host and domain names are never resolved
            localhost                   | host and domain names are never resolved
            0x10.0.0.1                  | host and domain names are never resolved
            a@b.com                     | e-mail or account mask
            @example.com                | e-mail or account mask
            1.2.3.4 5.6.7.8             | unexpected character ' '
            +1.2.3.4                    | unexpected character '+'
            [Firewall                   | unexpected character '['
            2001:db8::/129              | prefix length /129 is out of range 0-128
            2001:db8::1/-5              | is not a prefix length
            2001:db8::2-2001:db8::1     | the range starts after it ends
            2001:db8::1-10.0.0.1        | both ends of a range must be IPv6 addresses
            2001:db8::1-2001:db8::5/64  | a CIDR prefix cannot follow a range
            1:2:3:4:5:6:7:8:9           | not a valid IPv6 address
            1:2:3:4:5:6:7               | not a valid IPv6 address
            1:::2                       | not a valid IPv6 address
            1::2::3                     | not a valid IPv6 address
            :1::2                       | not a valid IPv6 address
            1::2:                       | not a valid IPv6 address
            12345::1                    | not a valid IPv6 address
            ::g                         | not a valid IPv6 address
            fe80::1%eth0                | not a valid IPv6 address
            ::ffff:1.2.3.256            | not a valid IPv6 address
            1.2.3.4::                   | not a valid IPv6 address
            ::1.2.3.4:5                 | not a valid IPv6 address
            1:2:3:4:5:6:7:1.2.3.4       | not a valid IPv6 address
            1.2.3.4:25                  | not a valid IPv6 address
            host.example.com:25         | not a valid IPv6 address
            """)
    void malformedEntryIsRejectedWithItsTextAndTheReason(String entry, String reason) {
        assertThatThrownBy(() -> AddressSet.parse(entry, Patterns.empty()))
                .isInstanceOf(InvalidAccessEntryException.class)
                .hasMessageContaining("'" + entry + "'")
                .hasMessageContaining(reason)
                .asInstanceOf(type(InvalidAccessEntryException.class))
                .extracting(InvalidAccessEntryException::entry)
                .isEqualTo(entry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            []    | the pattern name is empty
            [ ]   | the pattern name is empty
            [[A]] | a pattern name cannot hold '[' or ']'
            [Nope]| there is no pattern named Nope
            """)
    void badPatternReferenceInAccessListIsRejected(String entry, String reason) {
        assertThatThrownBy(() -> AddressSet.parse("10.0.0.1;" + entry, Patterns.empty()))
                .isInstanceOf(InvalidAccessEntryException.class)
                .hasMessageContaining("'" + entry + "'")
                .hasMessageContaining(reason)
                .asInstanceOf(type(InvalidAccessEntryException.class))
                .extracting(InvalidAccessEntryException::entry)
                .isEqualTo(entry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.3   | Invalid access entry '1.2.3': expected 4 dot-separated octets, found 3
            [Nope]  | Invalid access entry '[Nope]': there is no pattern named Nope
            []      | Invalid pattern reference '[]': the pattern name is empty
            [[A]]   | Invalid pattern reference '[[A]]': a pattern name cannot hold '[' or ']'
            """)
    void messageIsExactlyTheEntryAndTheReason(String entry, String message) {
        assertThatThrownBy(() -> AddressSet.parse(entry, Patterns.empty()))
                .isInstanceOf(InvalidAccessEntryException.class)
                .hasMessage(message);
    }

    @Test
    void offendingEntryIsNamedAmongValidOnesWithoutSurroundingWhitespace() {
        assertThatThrownBy(() -> AddressSet.parse("10.0.0.0/8;   1.2.3  ;127.0.0.1", Patterns.empty()))
                .isInstanceOf(InvalidAccessEntryException.class)
                .hasMessageStartingWith("Invalid access entry '1.2.3':")
                .asInstanceOf(type(InvalidAccessEntryException.class))
                .extracting(InvalidAccessEntryException::entry)
                .isEqualTo("1.2.3");
    }

    @Test
    void invalidEntryIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> AccessRule.of(true, AccessRule.Type.DENY, "300.1.1.1", Patterns.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleThatIsSwitchedOffStillRejectsMalformedEntries() {
        assertThatThrownBy(() -> AccessRule.of(false, AccessRule.Type.GRANT, "1.2.3", Patterns.empty()))
                .isInstanceOf(InvalidAccessEntryException.class);
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> AddressSet.parse(null, Patterns.empty())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AddressSet.parse("1.2.3.4", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AddressSet.empty().contains(null)).isInstanceOf(NullPointerException.class);
        assertThat(new InvalidAccessEntryException("x", "m").entry()).isEqualTo("x");
    }
}
