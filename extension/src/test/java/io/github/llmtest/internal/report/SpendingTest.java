package io.github.llmtest.internal.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report sums the application's live and replayed calls and the judges' calls apart. */
class SpendingTest {

    @Test
    void judgesAndRecordedCostsAreSummedApart() {
        List<ReportedCall> calls = List.of(call("openai:o1", false, false, 0.30, 0.12),
                call("openai:o1", true, false, 0.25, 0.10), call("openai:gpt-4o", false, true, 0.02, 0),
                call("phi4", false, false, null, 0));

        Spending spent = Spending.of(calls);

        assertThat(spent.pricedCalls()).isEqualTo(3);
        assertThat(spent.liveUsd()).isCloseTo(0.30, within(1e-9));
        assertThat(spent.recordedUsd()).isCloseTo(0.25, within(1e-9));
        assertThat(spent.judgeUsd()).isCloseTo(0.02, within(1e-9));
        assertThat(spent.reasoningUsd()).isCloseTo(0.22, within(1e-9));
        assertThat(spent.byModel()).containsOnlyKeys("openai:o1");
        assertThat(spent.toJson().path("by_model").path("openai:o1").asDouble()).isCloseTo(0.55, within(1e-9));
    }

    @Test
    void aCallEntrysCostSurvivesItsJson() {
        CallEntry entry = call("openai:o1", true, true, 0.30, 0.12).entry;

        CallEntry read = CallEntry.fromJson(entry.toJson());

        assertThat(read.cost()).isEqualTo(entry.cost());
        assertThat(read.judge()).isTrue();
        assertThat(entry.toJson().path("cost").path("recorded").asBoolean()).isTrue();
    }

    @Test
    void theConsoleSummaryGivesTheRunsTotalWhenAnyCallHadAPrice() {
        ReportedTest test = new ReportedTest("[engine:x]/[test:y]", "y()");
        test.calls.add(call("openai:o1", false, false, 0.30, 0.12));
        test.calls.add(call("openai:o1", true, false, 0.25, 0.10));
        test.status = "SUCCESSFUL";
        LlmReportListener listener = new LlmReportListener(new java.io.PrintStream(
                new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(listener.summary(List.of(test))).contains("[llmtest] Cost of 2 priced call(s): $0.3000 live, "
                + "$0.2500 recorded cost of replayed calls, $0.0000 by judges");
        ReportedTest unpriced = new ReportedTest("[engine:x]/[test:z]", "z()");
        unpriced.calls.add(call("phi4", false, false, null, 0));
        assertThat(listener.summary(List.of(unpriced))).doesNotContain("Cost");
    }

    private static ReportedCall call(String model, boolean replayed, boolean judge, Double usd, double reasoningUsd) {
        CallEntry.Figures figures = new CallEntry.Figures(1.0, null, null, null, null, 10, 10, null, null, null, null);
        return new ReportedCall(new CallEntry("T#t", 1, null, "openai", model, replayed ? "replay" : "live",
                replayed, null, "k", "p", "a", null, figures, false, null, null, "", null, null,
                usd == null ? null : new CallEntry.Spend(usd, reasoningUsd, 0, 0, model), judge));
    }
}
