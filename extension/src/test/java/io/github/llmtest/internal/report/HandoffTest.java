package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Jsons;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffTest {

    private static DatasetEntry entry(String caseId) {
        DatasetEntry.Accuracy all = new DatasetEntry.Accuracy("all", 1, 2, 0.09, 0.91, 0.5, true);
        return new DatasetEntry("/datasets/sums.jsonl", "com.example.SumsTest#solves", "phi4", caseId,
                List.of("easy"), DatasetEntry.TOLERATED, "expected 5", "2 + 2?", Jsons.object().put("answer", "4"),
                List.of("final number: 5"), new DatasetEntry.Gate(true, "sums: gate held", all, List.of()));
    }

    @Test
    void theListenerTakesTheVeryEntryPublishedInThisJvmInsteadOfReadingItsJsonBack() throws Exception {
        DatasetEntry published = entry("q1");
        String value = published.publish();

        assertThat(DatasetEntry.taken(value)).isSameAs(published);
        // taken once: the same value handed again is read from its JSON, to an equal entry
        DatasetEntry read = DatasetEntry.taken(value);
        assertThat(read).isNotSameAs(published);
        assertThat(read.toJson()).isEqualTo(published.toJson());
    }

    @Test
    void aValuePublishedSomeOtherWayIsReadFromItsJson() throws Exception {
        DatasetEntry byHand = entry("q2");
        String json = Jsons.compact(byHand.toJson());

        DatasetEntry read = DatasetEntry.taken(json);

        assertThat(read.caseId()).isEqualTo("q2");
        assertThat(read.gate().verdict()).isEqualTo("sums: gate held");
        assertThat(read.toJson()).isEqualTo(byHand.toJson());
    }

    @Test
    void entriesNobodyTakesAreDroppedOldestFirstPastTheBound() {
        Handoff<String> handoff = new Handoff<>();
        for (int i = 0; i < 1100; i++) {
            handoff.keep("v" + i, "e" + i);
        }
        assertThat(handoff.take("v0")).as("the oldest, dropped").isNull();
        assertThat(handoff.take("v1099")).isEqualTo("e1099");
        assertThat(handoff.take("v1099")).as("taken once").isNull();
    }
}
