package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.icewarp.core.access.TestAddresses.ip;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pattern definitions, their validation, and their expansion in access lists. */
class PatternsTest {

    private static InvalidAccessEntryExceptionAssert assertRejected(ThrowingCallable call) {
        return new InvalidAccessEntryExceptionAssert(call);
    }

    @Test
    void emptyPatternsHaveNoNames() {
        assertThat(Patterns.empty().names()).isEmpty();
        assertThat(Patterns.empty().items("Firewall")).isEmpty();
        assertThat(Patterns.of(Map.of())).isEqualTo(Patterns.empty());
    }

    @Test
    void itemsAreFoundByNameInAnyCase() {
        Patterns patterns = Patterns.of(Map.of("Firewall", List.of("192.168.*.*", "206.62.*.*")));

        assertThat(patterns.items("Firewall")).contains(List.of("192.168.*.*", "206.62.*.*"));
        assertThat(patterns.items("FIREWALL")).contains(List.of("192.168.*.*", "206.62.*.*"));
        assertThat(patterns.items("firewall")).contains(List.of("192.168.*.*", "206.62.*.*"));
        assertThat(patterns.items("Firewal")).isEmpty();
        assertThat(patterns.names()).containsExactly("Firewall");
    }

    @Test
    void namesAreListedAsDefinedInCaseInsensitiveOrder() {
        Map<String, List<String>> definitions = new LinkedHashMap<>();
        definitions.put("zeta", List.of("1.1.1.1"));
        definitions.put("Alpha", List.of("1.1.1.2"));
        definitions.put("beta", List.of("1.1.1.3"));

        assertThat(Patterns.of(definitions).names()).containsExactly("Alpha", "beta", "zeta");
    }

    @Test
    void patternsAreACopyThatCannotBeChanged() {
        List<String> items = new ArrayList<>(List.of("10.0.0.1"));
        Map<String, List<String>> definitions = new HashMap<>(Map.of("A", items));
        Patterns patterns = Patterns.of(definitions);

        items.add("10.0.0.2");
        definitions.put("B", List.of("10.0.0.3"));

        assertThat(patterns.items("A")).contains(List.of("10.0.0.1"));
        assertThat(patterns.names()).containsExactly("A");
        assertThatThrownBy(() -> patterns.items("A").orElseThrow().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> patterns.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void patternsWithTheSameDefinitionsAreEqual() {
        assertThat(Patterns.of(Map.of("A", List.of("1.1.1.1"))))
                .isEqualTo(Patterns.of(Map.of("A", List.of("1.1.1.1"))))
                .hasSameHashCodeAs(Patterns.of(Map.of("A", List.of("1.1.1.1"))))
                .isNotEqualTo(Patterns.of(Map.of("A", List.of("1.1.1.2"))));
    }

    @Test
    void referenceInAccessListMatchesThePatternItems() {
        Patterns patterns = Patterns.of(Map.of("Firewall", List.of("192.168.*.*", "206.62.*.*")));

        AddressSet set = AddressSet.parse("127.0.0.1;[firewall]", patterns);

        assertThat(set.contains(ip("206.62.1.2"))).isTrue();
        assertThat(set.contains(ip("192.168.9.9"))).isTrue();
        assertThat(set.contains(ip("127.0.0.1"))).isTrue();
        assertThat(set.contains(ip("206.63.1.2"))).isFalse();
        assertThat(set.entryCount()).isEqualTo(3);
    }

    @Test
    void patternsNestThreeLevelsDeep() {
        Patterns patterns = Patterns.of(Map.of(
                "Outer", List.of("1.1.1.1", "[Middle]"),
                "Middle", List.of("[INNER]; 2001:db8::/32", "2.2.2.2"),
                "Inner", List.of("10.0.0.0/8;172.16.0.0/12")));

        AddressSet set = AddressSet.parse("[Outer]", patterns);

        assertThat(set.contains(ip("1.1.1.1"))).isTrue();
        assertThat(set.contains(ip("2.2.2.2"))).isTrue();
        assertThat(set.contains(ip("10.20.30.40"))).isTrue();
        assertThat(set.contains(ip("172.20.0.1"))).isTrue();
        assertThat(set.contains(ip("2001:db8::7"))).isTrue();
        assertThat(set.contains(ip("3.3.3.3"))).isFalse();
        assertThat(set.entryCount()).isEqualTo(5);
    }

    @Test
    void itemMayHoldSeveralEntriesSeparatedBySemicolons() {
        Patterns patterns = Patterns.of(Map.of("Pair", List.of(" 1.1.1.1 ;; 2.2.2.2 ")));

        AddressSet set = AddressSet.parse("[Pair]", patterns);

        assertThat(set.contains(ip("1.1.1.1"))).isTrue();
        assertThat(set.contains(ip("2.2.2.2"))).isTrue();
        assertThat(set.entryCount()).isEqualTo(2);
    }

    @Test
    void patternReferencedManyTimesCountsEachTimeButIsCompiledOnce() {
        // A lattice: every level refers to the next one twice, so the written-out list has 2^40 entries.
        Map<String, List<String>> definitions = new HashMap<>();
        for (int level = 0; level < 40; level++) {
            definitions.put("L" + level, List.of("[L" + (level + 1) + "]", "[l" + (level + 1) + "]"));
        }
        definitions.put("L40", List.of("10.0.0.1"));
        Patterns patterns = Patterns.of(definitions);

        AddressSet set =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> AddressSet.parse("[L0];[L39]", patterns));

        assertThat(set.contains(ip("10.0.0.1"))).isTrue();
        assertThat(set.entryCount()).isEqualTo(Integer.MAX_VALUE);
        assertThat(AddressSet.parse("[L38]", patterns).entryCount()).isEqualTo(4);
    }

    @Test
    void patternsMayHoldMailMasksThatOnlyAccessListsReject() {
        Patterns patterns = Patterns.of(Map.of(
                "Mail", List.of("a@b.com", "*@example.com"),
                "Outer", List.of("10.0.0.1", "[Mail]"),
                "Hosts", List.of("10.0.0.2")));

        assertThat(AddressSet.parse("[Hosts]", patterns).contains(ip("10.0.0.2")))
                .isTrue();
        assertRejected(() -> AddressSet.parse("[Mail]", patterns))
                .entryIs("a@b.com")
                .messageContains("'a@b.com'", "in pattern [Mail]", "e-mail");
        assertRejected(() -> AddressSet.parse("[Outer]", patterns))
                .entryIs("a@b.com")
                .messageContains("'a@b.com'", "in pattern [Mail]", "[Outer] -> [Mail]");
    }

    @Test
    void hostNameItemReachedFromAccessListNamesItsPattern() {
        Patterns patterns = Patterns.of(Map.of("Hosts", List.of("10.0.0.1", "mail.example.com")));

        assertRejected(() -> AddressSet.parse("[Hosts]", patterns))
                .entryIs("mail.example.com")
                .messageContains("'mail.example.com'", "in pattern [Hosts]");
    }

    @Test
    void selfReferenceIsACycle() {
        assertRejected(() -> Patterns.of(Map.of("A", List.of("1.1.1.1", "[A]"))))
                .entryIs("[A]")
                .messageContains("'[A]'", "cycle [A] -> [A]");
    }

    @Test
    void twoPatternsReferringToEachOtherAreACycle() {
        assertRejected(() -> Patterns.of(Map.of("A", List.of("[B]"), "B", List.of("1.1.1.1;[a]"))))
                .entryIs("[a]")
                .messageContains("'[a]'", "in pattern [B]", "cycle [A] -> [B] -> [A]");
    }

    @Test
    void threePatternCycleShowsTheWholePath() {
        assertRejected(() -> Patterns.of(Map.of(
                        "A", List.of("[B]"),
                        "B", List.of("[C]"),
                        "C", List.of("[A]"),
                        "D", List.of("[A]"))))
                .entryIs("[A]")
                .messageContains("in pattern [C]", "cycle [A] -> [B] -> [C] -> [A]");
    }

    @Test
    void cycleBelowAnAcyclicPatternShowsOnlyTheCycle() {
        assertRejected(() -> Patterns.of(Map.of(
                        "Entry", List.of("[X]"),
                        "X", List.of("[Y]"),
                        "Y", List.of("[X]"))))
                .messageContains("cycle [X] -> [Y] -> [X]")
                .messageDoesNotContain("[Entry] ->");
    }

    @Test
    void sharedPatternIsNotACycle() {
        Patterns patterns = Patterns.of(Map.of(
                "A", List.of("[B]", "[C]"),
                "B", List.of("[D]"),
                "C", List.of("[D]"),
                "D", List.of("10.0.0.1")));

        assertThat(AddressSet.parse("[A]", patterns).entryCount()).isEqualTo(2);
    }

    @Test
    void unknownReferenceInPatternIsRejected() {
        assertRejected(() -> Patterns.of(Map.of("A", List.of("1.1.1.1", "[Nope]"))))
                .entryIs("[Nope]")
                .messageContains("'[Nope]'", "in pattern [A]", "no pattern named Nope");
    }

    @Test
    void emptyReferenceInPatternIsRejected() {
        assertRejected(() -> Patterns.of(Map.of("A", List.of("[]"))))
                .entryIs("[]")
                .messageContains("'[]'", "in pattern [A]", "empty");
    }

    @Test
    void messagesNameTheEntryThePatternAndThePathExactly() {
        assertRejected(() -> Patterns.of(Map.of("A", List.of("[[B]]"), "B", List.of("1.1.1.1"))))
                .messageIs("Invalid pattern reference '[[B]]' in pattern [A]: a pattern name cannot hold '[' or ']'");
        assertRejected(() -> Patterns.of(Map.of("A", List.of("[ ]"))))
                .messageIs("Invalid pattern reference '[ ]' in pattern [A]: the pattern name is empty");
        assertRejected(() -> Patterns.of(Map.of("A", List.of("[B]"), "B", List.of("[A]"))))
                .messageIs("Invalid pattern reference '[A]' in pattern [B]: patterns refer to each other in a cycle"
                        + " [A] -> [B] -> [A]");
        Patterns nested = Patterns.of(Map.of("Outer", List.of("[Inner]"), "Inner", List.of("1.2.3")));
        assertRejected(() -> AddressSet.parse("[Outer]", nested))
                .messageIs("Invalid access entry '1.2.3' in pattern [Inner] (reached through [Outer] -> [Inner]):"
                        + " expected 4 dot-separated octets, found 3");
        assertRejected(() -> AddressSet.parse("[Inner]", nested))
                .messageIs("Invalid access entry '1.2.3' in pattern [Inner]: expected 4 dot-separated octets, found 3");
    }

    @Test
    void deeplyNestedPatternsNeitherOverflowTheStackNorHideTheirEntries() {
        Map<String, List<String>> chain = new HashMap<>();
        for (int level = 0; level < 20_000; level++) {
            chain.put("P" + level, List.of("[P" + (level + 1) + "]"));
        }
        chain.put("P20000", List.of("10.0.0.1"));

        AddressSet set = AddressSet.parse("[P0]", Patterns.of(chain));

        assertThat(set.contains(ip("10.0.0.1"))).isTrue();
        assertThat(set.entryCount()).isEqualTo(1);
        chain.put("P20000", List.of("1.2.3"));
        Patterns broken = Patterns.of(chain);
        assertRejected(() -> AddressSet.parse("[P0]", broken))
                .messageIs("Invalid access entry '1.2.3' in pattern [P20000] (reached through [P0] -> [P1] -> [P2] ->"
                        + " [P3] -> [P4] -> ... 19991 more ... -> [P19996] -> [P19997] -> [P19998] -> [P19999] ->"
                        + " [P20000]): expected 4 dot-separated octets, found 3");
        chain.put("P20000", List.of("[P0]"));
        assertRejected(() -> Patterns.of(chain))
                .messageIs("Invalid pattern reference '[P0]' in pattern [P20000]: patterns refer to each other in a"
                        + " cycle [P0] -> [P1] -> [P2] -> [P3] -> [P4] -> ... 19992 more ... -> [P19997] -> [P19998]"
                        + " -> [P19999] -> [P20000] -> [P0]");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "\t", " A", "A ", "[A", "A]", "A;B"})
    void malformedPatternNameIsRejected(String name) {
        assertRejected(() -> Patterns.of(Map.of(name, List.of("1.1.1.1"))))
                .entryIs(name)
                .messageContains("'" + name + "'");
    }

    @Test
    void namesDifferingOnlyByCaseAreRejected() {
        assertRejected(() -> Patterns.of(Map.of("Firewall", List.of("1.1.1.1"), "FIREWALL", List.of("2.2.2.2"))))
                .messageContains("[Firewall]", "[FIREWALL]", "differ only by case");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "  "})
    void blankItemIsRejected(String item) {
        assertRejected(() -> Patterns.of(Map.of("A", List.of("1.1.1.1", item))))
                .entryIs(item)
                .messageContains("in pattern [A]", "blank");
    }

    @Test
    void nullDefinitionsAreRejected() {
        Map<String, List<String>> nullItems = new HashMap<>();
        nullItems.put("A", null);
        Map<String, List<String>> nullName = new HashMap<>();
        nullName.put(null, List.of("1.1.1.1"));
        List<String> itemsWithNull = new ArrayList<>();
        itemsWithNull.add(null);

        assertThatThrownBy(() -> Patterns.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Patterns.of(nullItems)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Patterns.of(nullName)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Patterns.of(Map.of("A", itemsWithNull))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Patterns.empty().items(null)).isInstanceOf(NullPointerException.class);
    }

    /** Asserts that a call throws {@link InvalidAccessEntryException} and checks its entry and message. */
    private static final class InvalidAccessEntryExceptionAssert {
        private final InvalidAccessEntryException thrown;

        InvalidAccessEntryExceptionAssert(ThrowingCallable call) {
            this.thrown = assertThatThrownBy(call)
                    .isInstanceOf(InvalidAccessEntryException.class)
                    .asInstanceOf(type(InvalidAccessEntryException.class))
                    .actual();
        }

        InvalidAccessEntryExceptionAssert entryIs(String entry) {
            assertThat(thrown.entry()).isEqualTo(entry);
            return this;
        }

        InvalidAccessEntryExceptionAssert messageContains(String... parts) {
            assertThat(thrown.getMessage()).contains(parts);
            return this;
        }

        InvalidAccessEntryExceptionAssert messageIs(String message) {
            assertThat(thrown.getMessage()).isEqualTo(message);
            return this;
        }

        InvalidAccessEntryExceptionAssert messageDoesNotContain(String part) {
            assertThat(thrown.getMessage()).doesNotContain(part);
            return this;
        }
    }
}
