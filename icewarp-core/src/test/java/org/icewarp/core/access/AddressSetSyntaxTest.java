package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icewarp.core.access.TestAddresses.ip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every entry form, checked against addresses inside, outside and on the edges. Rows are {@code entry | address |
 * expected}; {@code mapped:a.b.c.d} is an {@code Inet6Address} holding {@code ::ffff:a.b.c.d}.
 */
class AddressSetSyntaxTest {

    private static boolean contains(String entries, String address) {
        return AddressSet.parse(entries, Patterns.empty()).contains(ip(address));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1       | 127.0.0.1       | true
            127.0.0.1       | 127.0.0.2       | false
            127.0.0.1       | 126.0.0.1       | false
            127.0.0.1       | ::1             | false
            0.0.0.0         | 0.0.0.0         | true
            0.0.0.0         | 0.0.0.1         | false
            255.255.255.255 | 255.255.255.255 | true
            255.255.255.255 | 255.255.255.254 | false
            010.000.0.01    | 10.0.0.1        | true
            """)
    void exactIpv4MatchesOnlyThatAddress(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            192.168.*.* | 192.168.0.0     | true
            192.168.*.* | 192.168.255.255 | true
            192.168.*.* | 192.168.17.4    | true
            192.168.*.* | 192.167.255.255 | false
            192.168.*.* | 192.169.0.0     | false
            *.*.*.5     | 1.2.3.5         | true
            *.*.*.5     | 0.0.0.5         | true
            *.*.*.5     | 255.255.255.5   | true
            *.*.*.5     | 1.2.3.4         | false
            *.*.*.5     | 1.2.3.6         | false
            *.168.*.*   | 1.168.1.1       | true
            *.168.*.*   | 1.169.1.1       | false
            10.*.5.*    | 10.200.5.77     | true
            10.*.5.*    | 10.0.5.0        | true
            10.*.5.*    | 10.200.6.77     | false
            10.*.5.*    | 11.200.5.77     | false
            *.*.*.*     | 0.0.0.0         | true
            *.*.*.*     | 255.255.255.255 | true
            *.*.*.*     | ::2             | false
            *.*.*.5     | mapped:9.9.9.5  | true
            """)
    void wildcardOctetMatchesAnyValueInThatOctet(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            192-193.*.*.*           | 192.0.0.0       | true
            192-193.*.*.*           | 193.255.255.255 | true
            192-193.*.*.*           | 191.255.255.255 | false
            192-193.*.*.*           | 194.0.0.0       | false
            10.0-3.*.1-100          | 10.0.0.1        | true
            10.0-3.*.1-100          | 10.3.255.100    | true
            10.0-3.*.1-100          | 10.2.7.50       | true
            10.0-3.*.1-100          | 10.3.255.101    | false
            10.0-3.*.1-100          | 10.2.7.0        | false
            10.0-3.*.1-100          | 10.4.0.1        | false
            10.0-3.*.1-100          | 9.0.0.1         | false
            1-100.1-100.1-100.*     | 50.50.50.0      | true
            1-100.1-100.1-100.*     | 100.1.100.255   | true
            1-100.1-100.1-100.*     | 1.1.1.1         | true
            1-100.1-100.1-100.*     | 50.101.50.0     | false
            1-100.1-100.1-100.*     | 0.50.50.50      | false
            1-100.1-100.1-100.*     | 50.50.0.50      | false
            1-100.1-100.1-100.1-100 | 100.100.100.100 | true
            1-100.1-100.1-100.1-100 | 100.100.100.101 | false
            0-255.0-255.0-255.0-255 | 1.2.3.4         | true
            5-5.*.*.*               | 5.1.1.1         | true
            5-5.*.*.*               | 6.1.1.1         | false
            *.*.*.250-255           | 0.0.0.255       | true
            *.*.*.250-255           | 0.0.1.249       | false
            """)
    void octetRangeMatchesValuesBetweenItsBounds(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8         | 10.0.0.0        | true
            10.0.0.0/8         | 10.255.255.255  | true
            10.0.0.0/8         | 9.255.255.255   | false
            10.0.0.0/8         | 11.0.0.0        | false
            10.1.2.3/8         | 10.200.0.1      | true
            10.1.2.3/8         | 11.1.2.3        | false
            192.168.1.128/25   | 192.168.1.128   | true
            192.168.1.128/25   | 192.168.1.255   | true
            192.168.1.128/25   | 192.168.1.127   | false
            192.168.1.128/25   | 192.168.2.0     | false
            0.0.0.0/0          | 0.0.0.0         | true
            0.0.0.0/0          | 255.255.255.255 | true
            0.0.0.0/0          | ::1             | false
            1.2.3.4/32         | 1.2.3.4         | true
            1.2.3.4/32         | 1.2.3.5         | false
            128.0.0.0/1        | 128.0.0.0       | true
            128.0.0.0/1        | 255.255.255.255 | true
            128.0.0.0/1        | 127.255.255.255 | false
            255.255.255.255/32 | 255.255.255.255 | true
            172.16.0.0/12      | 172.31.255.255  | true
            172.16.0.0/12      | 172.32.0.0      | false
            """)
    void ipv4CidrMatchesItsBlockWithHostBitsIgnored(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.1-10.0.0.50        | 10.0.0.1        | true
            10.0.0.1-10.0.0.50        | 10.0.0.50       | true
            10.0.0.1-10.0.0.50        | 10.0.0.25       | true
            10.0.0.1-10.0.0.50        | 10.0.0.0        | false
            10.0.0.1-10.0.0.50        | 10.0.0.51       | false
            10.0.0.200-10.0.1.5       | 10.0.0.255      | true
            10.0.0.200-10.0.1.5       | 10.0.1.0        | true
            10.0.0.200-10.0.1.5       | 10.0.1.6        | false
            10.0.0.200-10.0.1.5       | 10.0.0.199      | false
            0.0.0.0-0.0.0.0           | 0.0.0.0         | true
            0.0.0.0-0.0.0.0           | 0.0.0.1         | false
            127.255.255.255-128.0.0.0 | 127.255.255.255 | true
            127.255.255.255-128.0.0.0 | 128.0.0.0       | true
            127.255.255.255-128.0.0.0 | 127.255.255.254 | false
            127.255.255.255-128.0.0.0 | 128.0.0.1       | false
            0.0.0.0-255.255.255.255   | 255.255.255.255 | true
            """)
    void ipv4FullRangeMatchesFromFirstToLastInclusive(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ::1                                     | ::1                                     | true
            ::1                                     | ::2                                     | false
            ::1                                     | ::                                      | false
            ::1                                     | 127.0.0.1                               | false
            ::1                                     | 0.0.0.1                                 | false
            2001:db8::1                             | 2001:0db8:0:0:0:0:0:1                   | true
            2001:0db8:0:0:0:0:0:1                   | 2001:db8::1                             | true
            2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1                             | true
            2001:db8::1                             | 2001:db8::2                             | false
            2001:db8::1                             | 2001:db9::1                             | false
            ::                                      | ::                                      | true
            ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true
            ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe | false
            1:2:3:4:5:6:7:8                         | 1:2:3:4:5:6:7:8                         | true
            1::8                                    | 1:0:0:0:0:0:0:8                         | true
            1:2:3:4:5:6:7::                         | 1:2:3:4:5:6:7:0                         | true
            ::2:3:4:5:6:7:8                         | 0:2:3:4:5:6:7:8                         | true
            1:2::7:8                                | 1:2:0:0:0:0:7:8                         | true
            64:ff9b::192.0.2.33                     | 64:ff9b::c000:221                       | true
            1:2:3:4:5:6:1.2.3.4                     | 1:2:3:4:5:6:102:304                     | true
            """)
    void exactIpv6MatchesThatAddressInAnyTextForm(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2001:db8::/32          | 2001:db8::                              | true
            2001:db8::/32          | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff  | true
            2001:db8::/32          | 2001:db9::                              | false
            2001:db8::/32          | 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff  | false
            2001:db8::/32          | 32.1.13.184                             | false
            2001:db8::1/32         | 2001:db8:1::                            | true
            ::1/128                | ::1                                     | true
            ::1/128                | ::2                                     | false
            ::/0                   | ::                                      | true
            ::/0                   | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true
            ::/0                   | 10.0.0.1                                | false
            ::/0                   | mapped:10.0.0.1                         | false
            2001:db8:0:0:8000::/65 | 2001:db8::8000:0:0:0                    | true
            2001:db8:0:0:8000::/65 | 2001:db8::ffff:ffff:ffff:ffff           | true
            2001:db8:0:0:8000::/65 | 2001:db8::7fff:ffff:ffff:ffff           | false
            2001:db8::/64          | 2001:db8::ffff:ffff:ffff:ffff           | true
            2001:db8::/64          | 2001:db8:0:1::                          | false
            8000::/1               | 8000::                                  | true
            8000::/1               | 7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false
            fe80::/10              | fe80::1                                 | true
            fe80::/10              | febf:ffff::1                            | true
            fe80::/10              | fec0::                                  | false
            """)
    void ipv6CidrMatchesItsBlockWithHostBitsIgnored(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2001:db8::1-2001:db8::ff                     | 2001:db8::1                  | true
            2001:db8::1-2001:db8::ff                     | 2001:db8::ff                 | true
            2001:db8::1-2001:db8::ff                     | 2001:db8::80                 | true
            2001:db8::1-2001:db8::ff                     | 2001:db8::                   | false
            2001:db8::1-2001:db8::ff                     | 2001:db8::100                | false
            ::ffff:ffff:ffff:ffff-0:0:0:1::              | 0:0:0:1::                    | true
            ::ffff:ffff:ffff:ffff-0:0:0:1::              | 0:0:0:0:ffff:ffff:ffff:ffff  | true
            ::ffff:ffff:ffff:fffe-0:0:0:1::              | ::ffff:ffff:ffff:fffd        | false
            ::ffff:ffff:ffff:ffff-0:0:0:1::              | 0:0:0:1::1                   | false
            2001:db8::-2001:db8::                        | 2001:db8::                   | true
            """)
    void ipv6FullRangeMatchesFromFirstToLastInclusive(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8                          | mapped:10.1.2.3   | true
            10.0.0.0/8                          | mapped:11.1.2.3   | false
            192.168.*.*                         | mapped:192.168.1.1| true
            10.0.0.1-10.0.0.5                   | mapped:10.0.0.5   | true
            ::ffff:10.0.0.1                     | 10.0.0.1          | true
            ::ffff:10.0.0.1                     | mapped:10.0.0.1   | true
            ::ffff:10.0.0.1                     | 10.0.0.2          | false
            ::ffff:a00:1                        | 10.0.0.1          | true
            ::ffff:10.0.0.0/104                 | 10.20.30.40       | true
            ::ffff:10.0.0.0/104                 | 11.0.0.0          | false
            ::ffff:0:0/96                       | 0.0.0.0           | true
            ::ffff:0:0/96                       | 255.255.255.255   | true
            ::ffff:0:0/96                       | ::1               | false
            ::ffff:10.0.0.1-::ffff:10.0.0.9     | 10.0.0.9          | true
            ::ffff:10.0.0.1-::ffff:10.0.0.9     | 10.0.0.10         | false
            2001:db8::/32                       | mapped:10.0.0.1   | false
            """)
    void ipv4MappedAddressesAreTheirIpv4Address(String entry, String address, boolean expected) {
        assertThat(contains(entry, address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            192.168.*.*;127.0.0.1;192-193.*.*.*;10.0.0.0/8;2001:db8::/32 | 192.168.4.4    | true
            192.168.*.*;127.0.0.1;192-193.*.*.*;10.0.0.0/8;2001:db8::/32 | 127.0.0.1      | true
            192.168.*.*;127.0.0.1;192-193.*.*.*;10.0.0.0/8;2001:db8::/32 | 193.1.1.1      | true
            192.168.*.*;127.0.0.1;192-193.*.*.*;10.0.0.0/8;2001:db8::/32 | 10.9.9.9       | true
            192.168.*.*;127.0.0.1;192-193.*.*.*;10.0.0.0/8;2001:db8::/32 | 2001:db8::5    | true
            192.168.*.*;127.0.0.1;192-193.*.*.*;10.0.0.0/8;2001:db8::/32 | 11.0.0.1       | false
            192.168.*.*;127.0.0.1;192-193.*.*.*;10.0.0.0/8;2001:db8::/32 | 2001:db9::5    | false
            '  127.0.0.1 ;;  ; 10.0.0.0/8  ;'                             | 10.0.0.1       | true
            '  127.0.0.1 ;;  ; 10.0.0.0/8  ;'                             | 127.0.0.1      | true
            '  127.0.0.1 ;;  ; 10.0.0.0/8  ;'                             | 127.0.0.2      | false
            ''                                                             | 127.0.0.1      | false
            ' ; ;'                                                         | ::1            | false
            """)
    void listMatchesWhenAnyEntryMatches(String entries, String address, boolean expected) {
        assertThat(contains(entries, address)).isEqualTo(expected);
    }

    @Test
    void emptyListContainsNothingAndCountsNoEntries() {
        AddressSet empty = AddressSet.empty();

        assertThat(empty.contains(ip("127.0.0.1"))).isFalse();
        assertThat(empty.contains(ip("::1"))).isFalse();
        assertThat(empty.entryCount()).isZero();
        assertThat(empty).hasToString("");
        assertThat(AddressSet.parse(" ; ", Patterns.empty()).entryCount()).isZero();
    }

    @Test
    void toStringIsTheSourceTextAndEntryCountCountsEntries() {
        String source = " 10.0.0.0/8 ; *.*.*.5;;2001:db8::1 ";

        AddressSet set = AddressSet.parse(source, Patterns.empty());

        assertThat(set).hasToString(source);
        assertThat(set.entryCount()).isEqualTo(3);
    }

    @Test
    void overlappingAndAdjacentEntriesBehaveAsTheirUnion() {
        AddressSet set = AddressSet.parse(
                "10.0.0.0-10.0.0.9;10.0.0.10-10.0.0.19;10.0.0.5/32;10.0.0.15-10.0.0.30;2001:db8::1-2001:db8::3;"
                        + "2001:db8::4;2001:db8::2-2001:db8::9",
                Patterns.empty());

        assertThat(set.contains(ip("10.0.0.0"))).isTrue();
        assertThat(set.contains(ip("10.0.0.10"))).isTrue();
        assertThat(set.contains(ip("10.0.0.30"))).isTrue();
        assertThat(set.contains(ip("10.0.0.31"))).isFalse();
        assertThat(set.contains(ip("2001:db8::9"))).isTrue();
        assertThat(set.contains(ip("2001:db8::a"))).isFalse();
        assertThat(set.contains(ip("2001:db8::"))).isFalse();
    }

    @Test
    void ipv6ScopeIsIgnoredWhenChecking() throws Exception {
        AddressSet set = AddressSet.parse("fe80::/64", Patterns.empty());

        assertThat(set.contains(
                        java.net.Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 3)))
                .isTrue();
    }
}
