package dev.lva.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertEquals(1, Suggestions.distance("fti", "fit"));
        assertEquals(1, Suggestions.distance("--epoch", "--epochs"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(List.of("fit"), Suggestions.closest("fti", List.of("activations", "fit", "digits", "demo")));
        assertEquals(List.of(), Suggestions.closest("zzzzzz", List.of("fit", "demo")));
    }
}
