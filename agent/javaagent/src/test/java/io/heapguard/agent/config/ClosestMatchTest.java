package io.heapguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClosestMatchTest {

    @Test
    void editDistance_countsInsertDeleteSubstitute() {
        assertThat(ClosestMatch.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestMatch.editDistance("", "abc")).isEqualTo(3);
        assertThat(ClosestMatch.editDistance("same", "same")).isZero();
    }

    @Test
    void among_typo_suggestsNearest() {
        assertThat(ClosestMatch.among("maxHeep", List.of("maxPerCall", "maxHeap", "mode"))).contains("maxHeap");
        assertThat(ClosestMatch.among("MAXHEAP", List.of("maxHeap"))).contains("maxHeap");
    }

    @Test
    void among_unrelated_suggestsNothing() {
        assertThat(ClosestMatch.among("colour", List.of("maxHeap", "mode"))).isEmpty();
        assertThat(ClosestMatch.among("x", List.of())).isEmpty();
    }
}
