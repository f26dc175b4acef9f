package org.icewarp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class UidSetTest {

    @Test
    void firstAndLastOfTheEmptySetThrowNoSuchElementWithAMessage() {
        assertThat(UidSet.EMPTY.isEmpty()).isTrue();
        assertThatThrownBy(UidSet.EMPTY::first)
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(UidSet.EMPTY::last)
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> UidSet.of().first()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void firstAndLastAreTheSmallestAndLargestUid() {
        UidSet set = UidSet.of(9, 3, 4, 12);
        assertThat(set.first()).isEqualTo(3);
        assertThat(set.last()).isEqualTo(12);
        assertThat(UidSet.ALL.last()).isEqualTo(UidSet.MAX);
    }

    @Test
    void aStarResolvedToTheHighestUidBelowTheLowerEndStillIncludesIt() {
        // RFC 9051: "559:*" in a folder whose highest UID is 300 means 300:559, so it holds 300
        long highest = 300;
        UidSet resolved = UidSet.range(559, highest);
        assertThat(resolved.contains(300)).isTrue();
        assertThat(resolved.first()).isEqualTo(300);
        assertThat(UidSet.range(559, UidSet.MAX).contains(300))
                .as("resolving * to MAX instead would lose it")
                .isFalse();
    }
}
