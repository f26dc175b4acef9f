package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icewarp.core.access.TestAddresses.ip;

import java.util.List;
import java.util.Map;
import org.icewarp.core.access.AccessRule.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grant, deny and unrestricted rules decide who may connect. */
class AccessRuleTest {

    private static final Patterns PATTERNS = Patterns.of(Map.of("Firewall", List.of("192.168.*.*", "206.62.*.*")));
    private static final String LIST = "127.0.0.1;192-193.*.*.*;[Firewall];10.0.0.0/8;2001:db8::/32";

    @ParameterizedTest(name = "restrict={0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            true  | GRANT | 10.1.2.3          | true
            true  | GRANT | 206.62.0.1        | true
            true  | GRANT | 2001:db8::1       | true
            true  | GRANT | mapped:127.0.0.1  | true
            true  | GRANT | 11.1.2.3          | false
            true  | GRANT | 2001:db9::1       | false
            true  | DENY  | 10.1.2.3          | false
            true  | DENY  | 206.62.0.1        | false
            true  | DENY  | 2001:db8::1       | false
            true  | DENY  | mapped:127.0.0.1  | false
            true  | DENY  | 11.1.2.3          | true
            true  | DENY  | 2001:db9::1       | true
            false | GRANT | 11.1.2.3          | true
            false | GRANT | 10.1.2.3          | true
            false | DENY  | 10.1.2.3          | true
            false | DENY  | 2001:db8::1       | true
            """)
    void ruleGrantsOrDeniesListedAddressesOnlyWhenRestricted(
            boolean restrict, Type type, String address, boolean permitted) {
        AccessRule rule = AccessRule.of(restrict, type, LIST, PATTERNS);

        assertThat(rule.permits(ip(address))).isEqualTo(permitted);
    }

    @Test
    void unrestrictedRulePermitsEveryAddress() {
        AccessRule rule = AccessRule.unrestricted();

        assertThat(rule.restrict()).isFalse();
        assertThat(rule.addresses().entryCount()).isZero();
        assertThat(rule.permits(ip("0.0.0.0"))).isTrue();
        assertThat(rule.permits(ip("255.255.255.255"))).isTrue();
        assertThat(rule.permits(ip("::1"))).isTrue();
    }

    @Test
    void restrictedGrantOfNothingPermitsNobody() {
        AccessRule rule = AccessRule.of(true, Type.GRANT, "", Patterns.empty());

        assertThat(rule.permits(ip("127.0.0.1"))).isFalse();
        assertThat(rule.permits(ip("::1"))).isFalse();
    }

    @Test
    void restrictedDenyOfNothingPermitsEverybody() {
        AccessRule rule = AccessRule.of(true, Type.DENY, "", Patterns.empty());

        assertThat(rule.permits(ip("127.0.0.1"))).isTrue();
        assertThat(rule.permits(ip("::1"))).isTrue();
    }

    @Test
    void ruleKeepsItsComponents() {
        AddressSet addresses = AddressSet.parse(LIST, PATTERNS);

        AccessRule rule = new AccessRule(true, Type.DENY, addresses);

        assertThat(rule.restrict()).isTrue();
        assertThat(rule.type()).isEqualTo(Type.DENY);
        assertThat(rule.addresses()).isSameAs(addresses);
        assertThat(rule).isEqualTo(new AccessRule(true, Type.DENY, addresses));
        assertThat(AccessRule.of(true, Type.DENY, LIST, PATTERNS).addresses()).hasToString(LIST);
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> new AccessRule(true, null, AddressSet.empty()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AccessRule(true, Type.GRANT, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AccessRule.of(true, Type.GRANT, null, Patterns.empty()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AccessRule.unrestricted().permits(null)).isInstanceOf(NullPointerException.class);
    }
}
