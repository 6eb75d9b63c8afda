package io.github.llmtest.internal.shard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which shard runs what: the same on every machine, disjoint, together complete. */
class ShardTest {

    private static final List<String> CLASSES = IntStream.range(0, 1000).mapToObj(i -> "com.example.Test" + i).toList();

    @Test
    void fourShardsOwnEveryClassExactlyOnce() {
        List<Set<String>> owned = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Shard shard = new Shard(i, 4);
            owned.add(new HashSet<>(CLASSES.stream().filter(shard::owns).toList()));
        }
        Set<String> union = new HashSet<>();
        owned.forEach(o -> {
            assertThat(o).as("every shard has a share").hasSizeBetween(150, 350);
            o.forEach(c -> assertThat(union.add(c)).as("%s owned once", c).isTrue());
        });
        assertThat(union).containsExactlyInAnyOrderElementsOf(CLASSES);
    }

    @Test
    void theShareOfCasesIsDisjointCompleteBalancedAndIndependentOfTheirOrder() {
        List<String> cases = IntStream.range(0, 50).mapToObj(i -> "case-" + i).toList();
        List<String> reversed = new ArrayList<>(cases);
        java.util.Collections.reverse(reversed);
        Set<String> union = new HashSet<>();
        for (int i = 1; i <= 4; i++) {
            Shard shard = new Shard(i, 4);
            List<String> share = shard.share("T#m", cases, c -> c);
            assertThat(share).as("balanced").hasSizeBetween(12, 13);
            assertThat(share).as("kept in dataset order").isSortedAccordingTo(
                    java.util.Comparator.comparingInt(cases::indexOf));
            assertThat(new HashSet<>(shard.share("T#m", reversed, c -> c))).as("by id, not by order")
                    .isEqualTo(new HashSet<>(share));
            share.forEach(c -> assertThat(union.add(c)).as("%s in one share", c).isTrue());
        }
        assertThat(union).hasSize(50);
    }

    @Test
    void everyShardHasACaseWhenThereAreAsManyCasesAsShards() {
        List<String> four = List.of("a", "b", "c", "d");
        for (int i = 1; i <= 4; i++) {
            assertThat(new Shard(i, 4).share("T#m", four, c -> c)).hasSize(1);
        }
    }

    @Test
    void theSettingIsReadFromTheSystemPropertyThenTheEnvironment() {
        assertThat(Shard.current(Map.of("llmtest.shard", "2/4")::get, Map.of("LLMTEST_SHARD", "1/3")::get))
                .contains(new Shard(2, 4));
        assertThat(Shard.current(k -> null, Map.of("LLMTEST_SHARD", " 3/3 ")::get)).contains(new Shard(3, 3));
        assertThat(Shard.current(k -> null, k -> null)).isEmpty();
    }

    @Test
    void aMalformedShardNamesTheSettingAndTheForm() {
        for (String bad : List.of("2", "0/4", "5/4", "a/b", "2/4/1", "-1/4")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("llmtest.shard must be INDEX/COUNT")
                    .hasMessageContaining("such as 2/4");
        }
    }
}
