package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.llmtest.Cost;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.cost.Prices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The run report's cost totals per call, test, dataset and model, and run, in all three files, against a hand
 * computation. Prices (dollars per million tokens): openai:gpt-4o $2.50 input, $1.25 cached input, $10 output;
 * openai:o1 $15 input, $60 output and reasoning; phi4 (local) no price.
 *
 * <ul>
 *   <li>gpt-4o, case q1, live: 3,000 prompt tokens, 500 output: 0.0075 + 0.0050 = $0.0125</li>
 *   <li>gpt-4o, case q2, replayed: 10,000 prompt tokens of which 4,000 cached, 1,500 output: 0.0150 + 0.0050
 *       + 0.0150 = $0.0350 (recorded cost)</li>
 *   <li>gpt-4o, case q3, live: 1,000 prompt, 250 output: 0.0025 + 0.0025 = $0.0050; and a judge's call on it,
 *       live: 400 prompt, 100 output: 0.0010 + 0.0010 = $0.0020</li>
 *   <li>phi4, cases q1 to q3: no price</li>
 *   <li>a test outside the dataset, openai:o1, live: 2,000 prompt, 3,000 output of which 2,000 reasoning:
 *       0.0300 + 0.0600 + 0.1200 = $0.2100</li>
 * </ul>
 *
 * So the dataset on gpt-4o: $0.0175 live, $0.0350 recorded, judges $0.0020; the run: $0.2275 live, $0.0350
 * recorded, $0.0020 by judges, reasoning $0.1200; per model gpt-4o $0.0525, o1 $0.2100.
 */
class ReportCostTest {

    static final Prices PRICES = Prices.parse("a test", """
            {"taken": "2026-12-02", "source": "this test",
             "models": {"openai:gpt-4o": {"input": 2.5, "cached_input": 1.25, "output": 10},
                        "openai:o1": {"input": 15, "output": 60, "reasoning": 60}}}
            """);
    static final String DATASET_TEST = "com.example.SumsTest#solves";

    @TempDir
    Path work;

    @Test
    void totalsPerCallTestDatasetModelAndRunEqualTheHandComputationToTheCent() throws Exception {
        Reports.write(work, run());

        JsonNode json = new ObjectMapper().readTree(work.resolve("report.json").toFile());
        JsonNode run = json.path("cost");
        assertThat(run.path("live_usd").asDouble()).isCloseTo(0.2275, within(0.005));
        assertThat(run.path("recorded_usd").asDouble()).isCloseTo(0.0350, within(0.005));
        assertThat(run.path("judge_usd").asDouble()).isCloseTo(0.0020, within(0.0005));
        assertThat(run.path("by_model").path("openai:gpt-4o").asDouble()).isCloseTo(0.0525, within(0.005));
        JsonNode models = json.path("datasets").get(0).path("models");
        assertThat(models.get(0).path("model").asText()).isEqualTo("openai:gpt-4o");
        JsonNode gpt = models.get(0).path("cost");
        assertThat(gpt.path("live_usd").asDouble()).isCloseTo(0.0175, within(0.005));
        assertThat(gpt.path("recorded_usd").asDouble()).isCloseTo(0.0350, within(0.005));
        assertThat(gpt.path("judge_usd").asDouble()).isCloseTo(0.0020, within(0.0005));
        assertThat(gpt.path("priced_calls").asInt()).isEqualTo(4);
        assertThat(models.get(1).has("cost")).as("phi4 has no price").isFalse();

        String markdown = Files.readString(work.resolve("report.md"));
        assertThat(markdown).contains("| cost | $0.0175 live, $0.0350 recorded; judges $0.0020 | no price |");

        String html = Files.readString(work.resolve("report.html"));
        assertThat(html).contains("Cost of 5 priced call(s): $0.2275 live, $0.0350 recorded cost of replayed calls, "
                        + "$0.0020 by judges (of all this, reasoning tokens: $0.1200).")
                .contains("<tr><td>openai:gpt-4o</td><td class=\"num\">$0.0525</td></tr>")
                .contains("<tr><td>openai:o1</td><td class=\"num\">$0.2100</td></tr>")
                .contains("<tr><td>judges</td><td class=\"num\">$0.0020</td></tr>")
                .contains("<td>SumsTest#solves on sums.jsonl</td><td>openai:gpt-4o</td><td class=\"num\">4</td>"
                        + "<td>$0.0175 live, $0.0350 recorded; judges $0.0020</td>")
                .contains("<td>SumsTest#solves on sums.jsonl</td><td>phi4</td><td class=\"num\">0</td>"
                        + "<td>no price</td>")
                .as("per call: a replayed call's recorded cost, a judge's apart, a local model's none")
                .contains("<td class=\"num\">$0.0350 <span class=\"recorded\">recorded</span></td>")
                .contains("<td class=\"num\">$0.0020 (judge)</td>")
                .contains("<td class=\"num\">$0.0125</td>")
                .contains("<td class=\"num\">–</td>")
                .as("per test: the section's summary")
                .contains(": 7 call(s) in 6 runs, cost: $0.0175 live, $0.0350 recorded; judges $0.0020</summary>")
                .contains("OtherTest#reasons</strong>: 1 call(s), cost: $0.2100 live</summary>");
    }

    @Test
    void dollarsAreShownToTheHundredthOfACentAndSmallCallsToSixPlaces() {
        assertThat(CostTotals.usd(0)).isEqualTo("$0");
        assertThat(CostTotals.usd(0.0525)).isEqualTo("$0.0525");
        assertThat(CostTotals.usd(12.345678)).isEqualTo("$12.3457");
        assertThat(CostTotals.usd(0.000165)).isEqualTo("$0.000165");
        assertThat(CostTotals.usd(0.0000004)).isEqualTo("$0.000000");
    }

    @Test
    void aRunWithoutPricesHasNoCostSection() throws Exception {
        List<ReportedTest> tests = run();
        tests.forEach(t -> t.calls.replaceAll(c -> new ReportedCall(withCost(c.entry, null, c.entry.judge()))));
        Reports.write(work, tests);

        assertThat(Files.readString(work.resolve("report.html"))).doesNotContain("id=\"cost\"")
                .doesNotContain("Cost of");
        assertThat(new ObjectMapper().readTree(work.resolve("report.json").toFile()).has("cost")).isFalse();
    }

    private static List<ReportedTest> run() {
        List<ReportedTest> tests = new ArrayList<>();
        String[][] gpt = {{"q1", "3000", "0", "500", "0", "live"}, {"q2", "10000", "4000", "1500", "0", "replay"},
                {"q3", "1000", "0", "250", "0", "live"}};
        int invocation = 0;
        for (String model : new String[] {"openai:gpt-4o", "phi4"}) {
            for (String[] c : gpt) {
                ReportedTest t = new ReportedTest("[test-template:solves]/[invocation:#" + ++invocation + "]",
                        "[" + invocation + "] " + c[0] + ", " + model);
                boolean replayed = c[5].equals("replay");
                t.calls.add(new ReportedCall(call(DATASET_TEST, 1, model, replayed, Integer.parseInt(c[1]),
                        Integer.parseInt(c[2]), Integer.parseInt(c[3]), Integer.parseInt(c[4]), false)));
                if (c[0].equals("q3") && model.startsWith("openai:")) {
                    t.calls.add(new ReportedCall(call(DATASET_TEST, 2, model, false, 400, 0, 100, 0, true)));
                }
                t.status = ReportedTest.SUCCESSFUL;
                t.dataset = new DatasetEntry("sums.jsonl", DATASET_TEST, model, c[0], List.of(), DatasetEntry.PASSED,
                        null, "What is 1 + 1?", Jsons.object().put("answer", "2"), List.of(),
                        new DatasetEntry.Gate(true, "held", new DatasetEntry.Accuracy("all", 3, 3, 0.4, 1, 0.5,
                                true), List.of()));
                tests.add(t);
            }
        }
        ReportedTest other = new ReportedTest("[method:reasons()]", "reasons()");
        other.calls.add(new ReportedCall(call("com.example.OtherTest#reasons", 1, "openai:o1", false, 2000, 0, 3000,
                2000, false)));
        other.status = ReportedTest.SUCCESSFUL;
        tests.add(other);
        return tests;
    }

    private static CallEntry call(String test, int index, String model, boolean replayed, int prompt, int cached,
                                  int output, int reasoning, boolean judge) {
        CallEntry.Figures figures = new CallEntry.Figures(1200.0, 300.0, 0.0, 100.0, 800.0, prompt, output, 40.0,
                25.0, 30.0, 60.0);
        CallEntry entry = new CallEntry(test, index, null, model.startsWith("openai:") ? "openai" : "ollama", model,
                replayed ? "replay" : "live", replayed, replayed ? "2026-12-01T10:00:00Z" : null, "key-" + index,
                "What is 1 + 1?", "The answer is 2.", "stop", figures, false, null, null, "", null);
        Cost cost = PRICES.cost(model, (long) prompt, (long) cached, (long) output, (long) reasoning).orElse(null);
        return withCost(entry, cost == null ? null : new CallEntry.Spend(cost.totalUsd(), cost.reasoningUsd(),
                cost.cachedPromptTokens(), cost.reasoningTokens(), cost.model()), judge);
    }

    private static CallEntry withCost(CallEntry e, CallEntry.Spend cost, boolean judge) {
        return new CallEntry(e.test(), e.call(), e.sample(), e.provider(), e.model(), e.mode(), e.replayed(),
                e.recordedAt(), e.key(), e.prompt(), e.answer(), e.doneReason(), e.figures(), e.compared(),
                e.request(), e.previous(), e.thinking(), e.toolCalls(), e.answeredBy(), cost, judge);
    }
}
